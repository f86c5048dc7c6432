package dev.citebot.retrieve;

import dev.citebot.index.Hit;
import dev.citebot.index.IndexedPassage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Retrieval, start to end: the rewriter turns the question into searches, the hybrid retriever runs
 * each, and when there are several (a question and its translations) their rankings are fused by
 * reciprocal rank, keeping the best passage of each.
 */
public final class RetrievalPipeline {
  private final QueryRewriter rewriter;
  private final HybridRetriever retriever;
  private final ReciprocalRankFusion fusion;
  private final int topK;

  public RetrievalPipeline(QueryRewriter rewriter, HybridRetriever retriever, int topK, int rrfK) {
    this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.fusion = new ReciprocalRankFusion(rrfK);
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be at least 1");
    }
    this.topK = topK;
  }

  /** The best {@code retrieve.top-k} passages for the request. */
  public Retrieved retrieve(RetrievalRequest request) {
    List<SearchQuery> searches = rewriter.rewrite(request);
    String standalone = searches.get(0).text();
    if (searches.size() == 1) {
      return new Retrieved(standalone, search(searches.get(0), topK, request));
    }
    // Each search looks deeper than the cut so fusion has material to work with.
    Map<String, IndexedPassage> passages = new HashMap<>();
    List<List<Hit>> rankings = new ArrayList<>();
    for (SearchQuery s : searches) {
      List<Hit> ranking = new ArrayList<>();
      for (RetrievedPassage r : search(s, 2 * topK, request)) {
        passages.putIfAbsent(r.indexed().id(), r.indexed());
        ranking.add(new Hit(r.indexed().id(), r.score()));
      }
      rankings.add(ranking);
    }
    List<RetrievedPassage> out = new ArrayList<>();
    for (Hit h : fusion.fuseKeepingEachBest(rankings, topK)) {
      out.add(new RetrievedPassage(passages.get(h.id()), h.score(), out.size()));
    }
    return new Retrieved(standalone, out);
  }

  private List<RetrievedPassage> search(SearchQuery s, int k, RetrievalRequest request) {
    return retriever.search(s.text(), s.language(), k, request.onTopic());
  }
}
