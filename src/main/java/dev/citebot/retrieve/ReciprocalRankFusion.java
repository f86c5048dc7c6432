package dev.citebot.retrieve;

import dev.citebot.index.Hit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reciprocal-rank fusion: each ranking gives an item 1/(k + rank). Only ranks count, so BM25 and
 * vector scores, which live on different scales, can be combined without calibration. Scores are
 * scaled so 1 = first in every (non-empty) ranking.
 */
final class ReciprocalRankFusion {
  private final int k;

  ReciprocalRankFusion(int k) {
    this.k = k;
  }

  /** Ids by fused score, best first. */
  List<Hit> fuse(List<List<Hit>> rankings, int limit) {
    return fuse(rankings, limit, false);
  }

  /**
   * As {@link #fuse}, but the first of each ranking is kept (while the limit allows), so an item
   * that only one ranking finds (say the search translated into its article's language) is not
   * crowded out by items the other rankings share.
   */
  List<Hit> fuseKeepingEachBest(List<List<Hit>> rankings, int limit) {
    return fuse(rankings, limit, true);
  }

  private List<Hit> fuse(List<List<Hit>> rankings, int limit, boolean keepEachBest) {
    Map<String, Double> fused = new LinkedHashMap<>();
    Set<String> firsts = new LinkedHashSet<>();
    double best = 0;
    for (List<Hit> ranking : rankings) {
      if (ranking.isEmpty()) {
        continue;
      }
      best += 1.0 / (k + 1);
      for (int r = 0; r < ranking.size(); r++) {
        fused.merge(ranking.get(r).id(), 1.0 / (k + r + 1), Double::sum);
      }
      if (keepEachBest && firsts.size() < limit) {
        firsts.add(ranking.get(0).id());
      }
    }
    double scale = best == 0 ? 1 : best;
    List<Hit> ranked = new ArrayList<>();
    fused.forEach((id, s) -> ranked.add(new Hit(id, s / scale)));
    ranked.sort(Comparator.comparingDouble(Hit::score).reversed());
    List<Hit> kept = new ArrayList<>();
    int others = 0;
    for (Hit h : ranked) {
      if (firsts.contains(h.id())) {
        kept.add(h);
      } else if (others + firsts.size() < limit) {
        kept.add(h);
        others++;
      }
    }
    return kept;
  }
}
