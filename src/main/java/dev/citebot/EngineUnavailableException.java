package dev.citebot;

/**
 * The index cannot be read now (the Solr cluster is down or has no live replica of a shard). The
 * engine keeps running and answers again when the index is back; the message is one sentence.
 */
public final class EngineUnavailableException extends RuntimeException {
  EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
