package dev.citebot.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.search.IndexSearcher;

/**
 * Turns question text into the terms of the index's fields, in this process, with the analyzers the
 * index was written with. Every backend builds its queries from these terms, so a question matches
 * the same terms whether the passages are in a local folder or in SolrCloud.
 */
public final class TermAnalysis implements Closeable {
  private final Analyzer analyzer = Analyzers.perField();
  private final Analyzer words = Analyzers.writtenWords();

  /** Per language field, the glue words as its analyzer indexes them ("many" as "mani"). */
  private final Map<String, Set<String>> stopStems = stopStems(analyzer);

  /** The per-language field of {@code language}, or null when it has none. */
  public static String languageField(String language) {
    return Fields.languageField(language);
  }

  /** The tokens {@code field}'s analyzer makes of {@code text}, in order. */
  public List<String> analyze(String field, String text) {
    return analyze(analyzer, field, text);
  }

  /**
   * The folded words of a question without glue words, plus each pair of neighbouring words glued
   * together as the index stores them ("viet nam" -> "vietnam"), so a pair matches as a unit.
   */
  public List<String> foldedQueryTerms(String text) {
    return terms(text, TermStatistics.ANY_LANGUAGE).stream().map(IndexTerm::text).toList();
  }

  /**
   * The distinct terms of a disjunction, each with how often it was asked (repeated terms weigh
   * more), in first-seen order. Lucene's clause limit only bites on pasted essays; their first
   * terms are enough.
   */
  public static Map<String, Integer> weighted(List<String> terms) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String t : terms) {
      counts.merge(t, 1, Integer::sum);
    }
    int limit = IndexSearcher.getMaxClauseCount() / 4;
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.entrySet().stream().limit(limit).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** See {@link TermStatistics#terms}. */
  public List<IndexTerm> terms(String text, String language) {
    String field = Fields.languageField(language);
    List<IndexTerm> out = new ArrayList<>();
    if (field == null) {
      List<String> folded = foldedContentWords(text);
      for (int i = 0; i < folded.size(); i++) {
        if (folded.get(i).isEmpty()) {
          continue;
        }
        out.add(new IndexTerm(folded.get(i), false));
        if (i + 1 < folded.size() && !folded.get(i + 1).isEmpty()) {
          out.add(new IndexTerm(folded.get(i) + folded.get(i + 1), true));
        }
      }
      return out;
    }
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      TypeAttribute type = ts.addAttribute(TypeAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String t = term.toString();
        boolean pair = "shingle".equals(type.type());
        boolean glue = false;
        for (String part : t.split(" ")) {
          glue |= part.isEmpty() || StopWords.contains(part) || stopStems.get(field).contains(part);
        }
        if (!glue) {
          out.add(new IndexTerm(t, pair));
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The content words of {@code text}, folded as the folded field holds them; glue words are "".
   */
  private List<String> foldedContentWords(String text) {
    List<String> out = new ArrayList<>();
    for (String w : analyze(words, Fields.FOLDED, text)) {
      out.add(StopWords.contains(w) ? "" : ICUFoldingFilter.NORMALIZER.normalize(w));
    }
    return out;
  }

  private static List<String> analyze(Analyzer analyzer, String field, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (term.length() > 0) {
          out.add(term.toString());
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Map<String, Set<String>> stopStems(Analyzer analyzer) {
    Map<String, Set<String>> out = new HashMap<>();
    for (String language : Analyzers.LANGUAGES) {
      String field = Fields.languageField(language);
      Set<String> stems = new HashSet<>();
      for (String w : StopWords.WRITTEN) {
        stems.addAll(analyze(analyzer, field, w));
      }
      out.put(field, Set.copyOf(stems));
    }
    return Map.copyOf(out);
  }

  @Override
  public void close() {
    analyzer.close();
    words.close();
  }
}
