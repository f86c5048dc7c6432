package dev.citebot.index;

import dev.citebot.ingest.Passage;
import dev.citebot.ingest.Sentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/** {@link PassageIndex} over one on-disk Lucene index, read-only once opened. */
public final class LucenePassageIndex implements PassageIndex {

  /** Titles are short and shared by every passage of an article: they help, but less than text. */
  private static final float TITLE_BOOST = 0.3f;

  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final TermAnalysis analysis = new TermAnalysis();

  private final boolean vectors;
  private final Path generation;

  /** Takes over {@code directory} and {@code reader}: {@link #close} closes both. */
  LucenePassageIndex(
      Directory directory, DirectoryReader reader, boolean vectors, Path generation) {
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.vectors = vectors;
    this.generation = generation;
  }

  /** The generation folder this index reads (see {@link CorpusIndex}). */
  @Override
  public String version() {
    return generation.toString();
  }

  @Override
  public Optional<String> contentHash(String file) {
    try {
      TopDocs td =
          searcher.search(
              new BooleanQuery.Builder()
                  .add(
                      new TermQuery(new Term(Fields.TYPE, Fields.ARTICLE)),
                      BooleanClause.Occur.FILTER)
                  .add(new TermQuery(new Term(Fields.FILE, file)), BooleanClause.Occur.FILTER)
                  .build(),
              1);
      if (td.scoreDocs.length == 0) {
        return Optional.empty();
      }
      return Optional.ofNullable(
          searcher.storedFields().document(td.scoreDocs[0].doc).get(Fields.HASH));
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  /**
   * What a read error means: damage (one sentence for the user, and {@link CorpusIndex} sets the
   * generation aside on its next refresh) or a failing disk.
   */
  private RuntimeException failure(Exception e) {
    if (IndexDamagedException.isDamage(e)) {
      return new IndexDamagedException(generation, IndexDamagedException.describe(e), e);
    }
    return e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
  }

  @Override
  public List<Hit> searchLanguage(String text, String language, int k) {
    String field = Fields.languageField(language);
    return field == null ? List.of() : search(termsQuery(field, text, 1f), k);
  }

  @Override
  public List<Hit> searchFolded(String text, int k, Set<String> files) {
    List<String> terms = analysis.foldedQueryTerms(text);
    Query body = termsQuery(Fields.FOLDED, terms, 1f);
    if (body == null) {
      return List.of();
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    q.add(body, BooleanClause.Occur.MUST);
    q.add(termsQuery(Fields.TITLE_FOLDED, terms, TITLE_BOOST), BooleanClause.Occur.SHOULD);
    if (!files.isEmpty()) {
      q.add(
          new TermInSetQuery(Fields.FILE, files.stream().map(BytesRef::new).toList()),
          BooleanClause.Occur.FILTER);
    }
    return search(q.build(), k);
  }

  @Override
  public List<Hit> searchVector(float[] vector, int k) {
    if (!vectors) {
      return List.of();
    }
    return search(new KnnFloatVectorQuery(Fields.VECTOR, vector, k), k);
  }

  @Override
  public boolean hasVectors() {
    return vectors;
  }

  @Override
  public List<IndexedPassage> fetch(List<String> ids) {
    List<IndexedPassage> out = new ArrayList<>(ids.size());
    try {
      for (String id : ids) {
        TopDocs td = searcher.search(new TermQuery(new Term(Fields.ID, id)), 1);
        if (td.scoreDocs.length == 0) {
          continue;
        }
        Document d = searcher.storedFields().document(td.scoreDocs[0].doc);
        List<Sentence> sentences = SentenceCodec.decode(d.getBinaryValue(Fields.SENTENCES));
        Passage p =
            new Passage(
                d.get(Fields.FILE),
                d.getField(Fields.ORDINAL).numericValue().intValue(),
                sentences);
        out.add(
            new IndexedPassage(
                id, p, d.get(Fields.TITLE), d.get(Fields.LANGUAGE), d.get(Fields.URL)));
      }
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
    return out;
  }

  @Override
  public List<ArticleInfo> articles() {
    try {
      Query q = new TermQuery(new Term(Fields.TYPE, Fields.ARTICLE));
      TopDocs td = searcher.search(q, Math.max(1, reader.maxDoc()));
      List<ArticleInfo> out = new ArrayList<>();
      for (ScoreDoc sd : td.scoreDocs) {
        Document d = searcher.storedFields().document(sd.doc);
        if (d.get(Fields.SKIPPED) != null) {
          continue;
        }
        out.add(
            new ArticleInfo(
                d.get(Fields.FILE),
                d.get(Fields.TITLE),
                d.get(Fields.LANGUAGE),
                d.get(Fields.DATE),
                d.get(Fields.URL),
                d.getField(Fields.PASSAGES).numericValue().intValue()));
      }
      out.sort(Comparator.comparing(ArticleInfo::file));
      return out;
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public List<IndexTerm> terms(String text, String language) {
    return analysis.terms(text, language);
  }

  @Override
  public double idf(String term, String language) {
    String field = Objects.requireNonNullElse(Fields.languageField(language), Fields.FOLDED);
    try {
      return TermStatistics.bm25Idf(reader.getDocCount(field), passagesWith(term, language));
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public int passagesWith(String term, String language) {
    String field = Objects.requireNonNullElse(Fields.languageField(language), Fields.FOLDED);
    try {
      return reader.docFreq(new Term(field, term));
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  private Query termsQuery(String field, String text, float boost) {
    return termsQuery(field, analysis.analyze(field, text), boost);
  }

  /** A disjunction of the terms; repeated terms weigh more. Null when there is none. */
  private static Query termsQuery(String field, List<String> terms, float boost) {
    Map<String, Integer> counts = TermAnalysis.weighted(terms);
    if (counts.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    counts.forEach(
        (term, n) -> {
          Query tq = new TermQuery(new Term(field, term));
          b.add(n == 1 ? tq : new BoostQuery(tq, n), BooleanClause.Occur.SHOULD);
        });
    Query q = b.build();
    return boost == 1f ? q : new BoostQuery(q, boost);
  }

  @Override
  public int documentFrequency(String foldedTerm, String language) {
    try {
      return searcher.count(
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term(Fields.FOLDED, foldedTerm)), BooleanClause.Occur.FILTER)
              .add(new TermQuery(new Term(Fields.LANGUAGE, language)), BooleanClause.Occur.FILTER)
              .build());
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  private List<Hit> search(Query q, int k) {
    if (q == null) {
      return List.of();
    }
    try {
      TopDocs td = searcher.search(q, k);
      List<Hit> hits = new ArrayList<>(td.scoreDocs.length);
      for (ScoreDoc sd : td.scoreDocs) {
        hits.add(new Hit(searcher.storedFields().document(sd.doc).get(Fields.ID), sd.score));
      }
      return hits;
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public void close() throws IOException {
    try (directory;
        analysis) {
      reader.close();
    }
  }
}
