package dev.citebot.retrieve;

import java.util.List;

/**
 * The first step of retrieval: turns a question into the searches to run, like LangChain4j's {@code
 * QueryTransformer}, except that each search keeps its language (the index has a field per
 * language). {@link DefaultQueryRewriter} searches the question as it is; llm mode has the model
 * rewrite and translate it.
 */
public interface QueryRewriter {
  /**
   * @return at least one search; the first is the question made standalone, in its own language
   */
  List<SearchQuery> rewrite(RetrievalRequest request);
}
