package dev.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.index.IndexedPassage;
import dev.citebot.ingest.Passage;
import dev.citebot.ingest.Sentence;
import dev.citebot.retrieve.RetrievedPassage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fusing the searches of a question and its translations. */
class FusionTest {
  private static List<RetrievedPassage> ranking(String... ids) {
    List<RetrievedPassage> out = new ArrayList<>();
    for (String id : ids) {
      Passage p = new Passage(id + ".txt", 0, List.of(new Sentence(id, 0, id.length(), 1, 1)));
      out.add(new RetrievedPassage(new IndexedPassage(id, p, id, "en", ""), 1, out.size()));
    }
    return out;
  }

  private static List<String> ids(List<RetrievedPassage> fused) {
    return fused.stream().map(r -> r.indexed().id()).toList();
  }

  @Test
  void passagesFoundBySeveralSearchesComeFirst() {
    var fused =
        LlmAnswerer.fuse(List.of(ranking("a", "b", "c"), ranking("b", "d"), List.of()), 3, 60);
    assertThat(ids(fused)).containsExactly("b", "a", "d");
    assertThat(fused.get(0).score()).isLessThanOrEqualTo(1.0);
    assertThat(fused).extracting(RetrievedPassage::rank).containsExactly(0, 1, 2);
  }

  @Test
  void theBestOfEachSearchIsKept() {
    // "x" is second in two searches and would outrank "v", first only in the Vietnamese one.
    var fused =
        LlmAnswerer.fuse(List.of(ranking("e", "x"), ranking("n", "x"), ranking("v", "w")), 3, 60);
    assertThat(ids(fused)).containsExactlyInAnyOrder("e", "n", "v");
    assertThat(LlmAnswerer.fuse(List.of(ranking("e"), ranking("n"), ranking("v")), 2, 60))
        .hasSize(2);
  }
}
