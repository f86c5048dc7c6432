package dev.citebot.index;

import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/** The analysis chain of every text field, shared by indexing and querying. */
public final class Analyzers {
  /** Languages with a field of their own; any other language is searched through folding. */
  static final Set<String> LANGUAGES = Set.of("vi", "no", "en");

  private Analyzers() {}

  /** One analyzer that dispatches on the field name. */
  public static Analyzer perField() {
    Analyzer folded = folded();
    return new PerFieldAnalyzerWrapper(
        new StandardAnalyzer(),
        Map.of(
            Fields.FOLDED,
            folded,
            Fields.TITLE_FOLDED,
            folded,
            "text_vi",
            vietnamese(),
            "text_no",
            new NorwegianAnalyzer(),
            "text_en",
            new EnglishAnalyzer()));
  }

  /**
   * ICU words, folded (case, accents, đ to d), plus each pair of neighbours glued together. The
   * glued pairs let multi-syllable Vietnamese words match as a unit and let "Hanoi" meet "Hà Nội"
   * and "Vietnam" meet "Việt Nam".
   */
  public static Analyzer folded() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer tokenizer = new ICUTokenizer();
        return new TokenStreamComponents(tokenizer, pairs(new ICUFoldingFilter(tokenizer), ""));
      }

      @Override
      protected TokenStream normalize(String field, TokenStream in) {
        return new ICUFoldingFilter(in);
      }
    };
  }

  /**
   * ICU words in lower case, accents kept, without pairs: for telling glue words from content words
   * before folding merges them (see {@link StopWords}).
   */
  public static Analyzer writtenWords() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer tokenizer = new ICUTokenizer();
        return new TokenStreamComponents(tokenizer, new ICUNormalizer2Filter(tokenizer));
      }
    };
  }

  /**
   * Vietnamese writes one syllable per space-separated token and most words take two syllables, so
   * syllables are indexed with their bigrams ("bình nhưỡng"); tone marks are kept, case is not.
   */
  static Analyzer vietnamese() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer tokenizer = new ICUTokenizer();
        return new TokenStreamComponents(
            tokenizer, pairs(new ICUNormalizer2Filter(tokenizer), " "));
      }

      @Override
      protected TokenStream normalize(String field, TokenStream in) {
        return new ICUNormalizer2Filter(in);
      }
    };
  }

  private static TokenStream pairs(TokenStream in, String separator) {
    ShingleFilter shingles = new ShingleFilter(in, 2, 2);
    shingles.setTokenSeparator(separator);
    shingles.setOutputUnigrams(true);
    shingles.setFillerToken("");
    return shingles;
  }
}
