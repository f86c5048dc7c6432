package dev.citebot.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * ICU words, folded (case, accents, đ to d), plus each pair of neighbours glued together. The glued
 * pairs let multi-syllable Vietnamese words match as a unit and let "Hanoi" meet "Hà Nội" and
 * "Vietnam" meet "Việt Nam". An English possessive's "'s" is dropped first: "Luther's" must meet
 * the "Luther" of an article in any language (no other of our languages writes "'s"). A public
 * class with a no-argument constructor, so that a Solr schema can name it ({@code <analyzer
 * class="dev.citebot.analysis.FoldedAnalyzer"/>}).
 */
public final class FoldedAnalyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String field) {
    Tokenizer tokenizer = new ICUTokenizer();
    return new TokenStreamComponents(
        tokenizer, WordPairs.of(new ICUFoldingFilter(new EnglishPossessiveFilter(tokenizer)), ""));
  }

  @Override
  protected TokenStream normalize(String field, TokenStream in) {
    return new ICUFoldingFilter(in);
  }
}
