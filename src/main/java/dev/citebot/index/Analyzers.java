package dev.citebot.index;

import dev.citebot.analysis.FoldedAnalyzer;
import dev.citebot.analysis.VietnameseAnalyzer;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
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

  /** See {@link FoldedAnalyzer}. */
  public static Analyzer folded() {
    return new FoldedAnalyzer();
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

  /** See {@link VietnameseAnalyzer}. */
  static Analyzer vietnamese() {
    return new VietnameseAnalyzer();
  }
}
