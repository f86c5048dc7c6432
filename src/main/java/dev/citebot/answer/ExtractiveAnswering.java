package dev.citebot.answer;

import dev.citebot.retrieve.DefaultQueryRewriter;
import dev.citebot.retrieve.QueryRewriter;

/** The offline mode: the question is searched as asked and answered by quoting. */
final class ExtractiveAnswering implements Answering {
  private final QueryRewriter rewriter = new DefaultQueryRewriter();

  @Override
  public QueryRewriter queryRewriter() {
    return rewriter;
  }

  @Override
  public Answerer answerer(Answerer extractive) {
    return extractive;
  }

  @Override
  public void close() {}
}
