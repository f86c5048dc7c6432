package dev.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarkersTest {
  private static String rewrite(String text, int passages) {
    return Markers.renderInRange(text, passages);
  }

  @Test
  void renumbersByFirstUse() {
    assertThat(rewrite("A [3]. B [1]. C [3][2].", 3)).isEqualTo("A [1]. B [2]. C [1][3].");
  }

  @Test
  void dropsMarkersOfPassagesNotGivenWithTheSpaceBefore() {
    assertThat(rewrite("A [1][7]. B [7].", 3)).isEqualTo("A [1]. B.");
    assertThat(rewrite("A [0] and [2].", 3)).isEqualTo("A and [1].");
  }

  @Test
  void readsListsRangesAndSpacedGroups() {
    assertThat(Markers.find("x [1, 3] y [2-4] z [1] [2]"))
        .extracting(Markers.Group::numbers)
        .containsExactly(List.of(1, 3), List.of(2, 3, 4), List.of(1, 2));
    assertThat(rewrite("x [2, 1]", 3)).isEqualTo("x [1][2]");
  }

  @Test
  void leavesOtherBracketsAlone() {
    String text =
        "See [Appendix] and [1a], arrays a[i], [ ], [1-999] and [" + "1,".repeat(30) + "]";
    assertThat(Markers.find(text)).isEmpty();
    assertThat(rewrite(text, 3)).isEqualTo(text);
  }

  @Test
  void aClaimIsTheTextSinceThePreviousMarker() {
    String text = "First fact [1]. Second fact [2].\n\nNew paragraph [3].";
    List<Markers.Group> groups = Markers.find(text);
    assertThat(groups)
        .extracting(g -> text.substring(g.claimStart(), g.start()))
        .containsExactly("First fact ", ". Second fact ", "New paragraph ");
  }

  @Test
  void streamingShowsExactlyTheRewrittenTextInAnyPieces() {
    Random random = new Random(42);
    String[] parts = {
      "Hà Nội", " ", "[", "1", "]", "[7]", "[2, 3]", ".", "\n\n", "[", "x", "]", "a[i]", "[12", "-",
      "]", " [0]", "[3-4]", ",", "Tô Lâm"
    };
    for (int round = 0; round < 2000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i >= 0; i--) {
        text.append(parts[random.nextInt(parts.length)]);
      }
      StringBuilder shown = new StringBuilder();
      List<String> prefixes = new ArrayList<>();
      Markers.Stream stream =
          new Markers.Stream(
              3,
              piece -> {
                shown.append(piece);
                prefixes.add(shown.toString());
              });
      int at = 0;
      while (at < text.length()) {
        int to = Math.min(text.length(), at + 1 + random.nextInt(4));
        stream.accept(text.substring(at, to));
        at = to;
      }
      stream.finish();
      String expected = rewrite(text.toString(), 3);
      assertThat(shown.toString()).as(text.toString()).isEqualTo(expected);
      assertThat(prefixes).allSatisfy(p -> assertThat(expected).startsWith(p));
    }
  }
}
