package dev.citebot.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * Vietnamese writes one syllable per space-separated token and most words take two syllables, so
 * syllables are indexed with their bigrams ("bình nhưỡng"); tone marks are kept, case is not.
 * Public with a no-argument constructor for Solr schemas, as {@link FoldedAnalyzer}.
 */
public final class VietnameseAnalyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String field) {
    Tokenizer tokenizer = new ICUTokenizer();
    return new TokenStreamComponents(
        tokenizer, WordPairs.of(new ICUNormalizer2Filter(tokenizer), " "));
  }

  @Override
  protected TokenStream normalize(String field, TokenStream in) {
    return new ICUNormalizer2Filter(in);
  }
}
