package dev.citebot.bench;

/** A question-answering system under measurement: citebot or one of the baselines. */
interface QaSystem extends AutoCloseable {
  Reply ask(String question);

  @Override
  default void close() throws Exception {}
}
