package dev.citebot.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.index.Hit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fusing rankings: the retriever's own and, in llm mode, those of a question's translations. */
class FusionTest {
  private final ReciprocalRankFusion fusion = new ReciprocalRankFusion(60);

  private static List<Hit> ranking(String... ids) {
    List<Hit> out = new ArrayList<>();
    for (String id : ids) {
      out.add(new Hit(id, 1));
    }
    return out;
  }

  private static List<String> ids(List<Hit> fused) {
    return fused.stream().map(Hit::id).toList();
  }

  @Test
  void itemsFoundBySeveralRankingsComeFirst() {
    var rankings = List.of(ranking("a", "b", "c"), ranking("b", "d"), List.<Hit>of());
    assertThat(ids(fusion.fuse(rankings, 3))).containsExactly("b", "a", "d");
    assertThat(ids(fusion.fuseKeepingEachBest(rankings, 3))).containsExactly("b", "a", "d");
    assertThat(fusion.fuse(rankings, 3).get(0).score()).isLessThanOrEqualTo(1.0);
    assertThat(fusion.fuse(List.of(ranking("a"), ranking("a")), 1).get(0).score()).isEqualTo(1.0);
  }

  @Test
  void theBestOfEachRankingIsKeptWhenAsked() {
    // "x" is second in two rankings and would outrank "v", first only in the third.
    var rankings = List.of(ranking("e", "x"), ranking("n", "x"), ranking("v", "w"));
    assertThat(ids(fusion.fuse(rankings, 3))).containsExactly("x", "e", "n");
    assertThat(ids(fusion.fuseKeepingEachBest(rankings, 3))).containsExactly("e", "n", "v");
    assertThat(fusion.fuseKeepingEachBest(List.of(ranking("e"), ranking("n"), ranking("v")), 2))
        .hasSize(2);
  }
}
