package dev.citebot;

import dev.citebot.index.ArticleInfo;
import java.util.List;

/**
 * Lines of an article as they are in the file, for checking a citation.
 *
 * @param from 1-based first line shown
 * @param lines the lines from {@code from} on, without line ends
 */
public record Excerpt(ArticleInfo article, int from, List<String> lines) {
  public int to() {
    return from + lines.size() - 1;
  }
}
