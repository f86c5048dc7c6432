package dev.citebot.retrieve;

import java.util.List;

/** Searches the question made standalone without a model, in its own language, and nothing else. */
public final class DefaultQueryRewriter implements QueryRewriter {
  @Override
  public List<SearchQuery> rewrite(RetrievalRequest request) {
    return List.of(new SearchQuery(request.standalone(), request.language()));
  }
}
