package dev.citebot.retrieve;

import dev.citebot.index.Hit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal-rank fusion: each ranking gives an item 1/(k + rank). Only ranks count, so BM25 and
 * vector scores, which live on different scales, can be combined without calibration.
 */
final class ReciprocalRankFusion {
  private final int k;

  ReciprocalRankFusion(int k) {
    this.k = k;
  }

  /** Ids by fused score, best first, with the score scaled to 0..1. */
  List<Hit> fuse(List<List<Hit>> rankings, int limit) {
    Map<String, Double> fused = new LinkedHashMap<>();
    double best = 0;
    for (List<Hit> ranking : rankings) {
      if (ranking.isEmpty()) {
        continue;
      }
      best += 1.0 / (k + 1);
      for (int r = 0; r < ranking.size(); r++) {
        fused.merge(ranking.get(r).id(), 1.0 / (k + r + 1), Double::sum);
      }
    }
    double scale = best == 0 ? 1 : best;
    List<Hit> out = new ArrayList<>();
    fused.forEach((id, s) -> out.add(new Hit(id, s / scale)));
    out.sort(Comparator.comparingDouble(Hit::score).reversed());
    return out.size() > limit ? out.subList(0, limit) : out;
  }
}
