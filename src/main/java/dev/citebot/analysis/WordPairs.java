package dev.citebot.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.shingle.ShingleFilter;

/** Each word plus each pair of neighbouring words joined by a separator, as one more token. */
final class WordPairs {
  private WordPairs() {}

  static TokenStream of(TokenStream in, String separator) {
    ShingleFilter shingles = new ShingleFilter(in, 2, 2);
    shingles.setTokenSeparator(separator);
    shingles.setOutputUnigrams(true);
    shingles.setFillerToken("");
    return shingles;
  }
}
