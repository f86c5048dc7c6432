package dev.citebot.solr;

import dev.citebot.index.ArticleInfo;
import dev.citebot.index.Fields;
import dev.citebot.index.Hit;
import dev.citebot.index.IndexTerm;
import dev.citebot.index.IndexedPassage;
import dev.citebot.index.PassageIndex;
import dev.citebot.index.SentenceCodec;
import dev.citebot.index.TermAnalysis;
import dev.citebot.index.TermStatistics;
import dev.citebot.ingest.Passage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * {@link PassageIndex} over a SolrCloud collection. Questions are analysed here, with the analyzers
 * the passages were indexed with ({@link TermAnalysis}), and sent as term queries, so Solr ranks
 * the same terms the local index would; BM25 uses the statistics of the whole collection (the
 * configset's exact stats cache), and the counts the ranker reads are counted across all shards.
 */
final class SolrPassageIndex implements PassageIndex {
  /** Titles are short and shared by every passage of an article: they help, but less than text. */
  private static final String TITLE_BOOST = "0.3";

  private static final int PAGE = 5_000;
  private static final int FETCH_CHUNK = 500;
  private static final int MAX_CACHED_COUNTS = 200_000;
  private static final int MAX_CACHED_PASSAGES = 20_000;

  /** What {@link #fetch} reads of a passage document. */
  private static final String PASSAGE_FIELDS =
      String.join(
          ",",
          Fields.ID,
          Fields.FILE,
          Fields.ORDINAL,
          Fields.TITLE,
          Fields.LANGUAGE,
          Fields.URL,
          Fields.SENTENCES);

  private final SolrClient client;
  private final String collection;
  private final List<String> urls;
  private final String version;
  private final boolean vectors;
  private final TermAnalysis analysis = new TermAnalysis();

  /**
   * Counts are cached for the life of this reader: a write to the collection gives it a new stamp,
   * and the engine opens a new reader (with empty caches) when it sees one.
   */
  private final Map<String, Long> counts = new ConcurrentHashMap<>();

  /** Passages seen in search results or fetched, for the life of this reader as {@link #counts}. */
  private final Map<String, IndexedPassage> passages = new ConcurrentHashMap<>();

  /** The content hash of each file asked about, for the life of this reader as {@link #counts}. */
  private final Map<String, Optional<String>> hashes = new ConcurrentHashMap<>();

  SolrPassageIndex(
      SolrClient client, String collection, List<String> urls, String version, boolean vectors) {
    this.client = client;
    this.collection = collection;
    this.urls = urls;
    this.version = version;
    this.vectors = vectors;
  }

  @Override
  public List<Hit> searchLanguage(String text, String language, int k) {
    String field = TermAnalysis.languageField(language);
    if (field == null) {
      return List.of();
    }
    ModifiableSolrParams p = new ModifiableSolrParams();
    String q = disjunction(p, "t", field, TermAnalysis.weighted(analysis.analyze(field, text)));
    if (q == null) {
      return List.of();
    }
    p.set(CommonParams.Q, q);
    return hits(p, k);
  }

  @Override
  public List<Hit> searchFolded(String text, int k, Set<String> files) {
    Map<String, Integer> terms = TermAnalysis.weighted(analysis.foldedQueryTerms(text));
    ModifiableSolrParams p = new ModifiableSolrParams();
    String body = disjunction(p, "t", Fields.FOLDED, terms);
    if (body == null) {
      return List.of();
    }
    p.set("qbody", body);
    // The standard parser's ^ makes a BoostQuery, as the local index's: {!boost} would multiply
    // the score afterwards and round differently in the last bits.
    p.set(
        "qtitle",
        "_query_:\"" + disjunction(p, "n", Fields.TITLE_FOLDED, terms) + "\"^" + TITLE_BOOST);
    StringBuilder q = new StringBuilder("{!bool must=$qbody should=$qtitle");
    if (!files.isEmpty()) {
      Map<String, Integer> each = new HashMap<>();
      files.forEach(f -> each.put(f, 1));
      p.set("qfiles", disjunction(p, "f", Fields.FILE, each));
      q.append(" filter=$qfiles");
    }
    p.set(CommonParams.Q, q.append('}').toString());
    return hits(p, k);
  }

  /**
   * A disjunction of term queries, as parameters of {@code p} named {@code prefix}0, 1, ...; a term
   * asked n times is a clause n times (Lucene sums repeated clauses, as the local index's boost
   * does). Term queries are not analysed again by Solr. Null when there are no terms.
   */
  private static String disjunction(
      ModifiableSolrParams p, String prefix, String field, Map<String, Integer> terms) {
    if (terms.isEmpty()) {
      return null;
    }
    StringBuilder q = new StringBuilder("{!bool");
    int i = 0;
    for (Map.Entry<String, Integer> e : terms.entrySet()) {
      String name = prefix + i++;
      p.set(name, "{!term f=" + field + "}" + e.getKey());
      for (int n = 0; n < e.getValue(); n++) {
        q.append(" should=$").append(name);
      }
    }
    return q.append('}').toString();
  }

  @Override
  public List<Hit> searchVector(float[] vector, int k) {
    if (!vectors) {
      return List.of();
    }
    StringBuilder v = new StringBuilder("[");
    for (int i = 0; i < vector.length; i++) {
      v.append(i == 0 ? "" : ",").append(vector[i]);
    }
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set(CommonParams.Q, "{!knn f=" + Fields.VECTOR + " topK=" + k + "}" + v.append(']'));
    return hits(p, k);
  }

  /**
   * The hits of a search, with their stored passages (kept for {@link #fetch}, which the retriever
   * calls next: one round trip less). One pass over the shards fetches the fields with the scores.
   */
  private List<Hit> hits(ModifiableSolrParams p, int k) {
    p.set(CommonParams.ROWS, k);
    // Equal scores in the order of a freshly built local index: file, then passage.
    p.set(CommonParams.SORT, "score desc," + Fields.FILE + " asc," + Fields.ORDINAL + " asc");
    p.set(CommonParams.FL, PASSAGE_FIELDS + ",score");
    p.set("distrib.singlePass", true);
    List<Hit> out = new ArrayList<>();
    for (SolrDocument d : query(p).getResults()) {
      IndexedPassage passage = passage(d);
      remember(passage);
      out.add(new Hit(passage.id(), ((Number) d.get("score")).doubleValue()));
    }
    return out;
  }

  private void remember(IndexedPassage passage) {
    if (passages.size() > MAX_CACHED_PASSAGES) {
      passages.clear();
    }
    passages.put(passage.id(), passage);
  }

  @Override
  public boolean hasVectors() {
    return vectors;
  }

  @Override
  public List<IndexedPassage> fetch(List<String> ids) {
    List<String> missing = ids.stream().filter(id -> !passages.containsKey(id)).distinct().toList();
    Map<String, IndexedPassage> found = new HashMap<>();
    for (int from = 0; from < missing.size(); from += FETCH_CHUNK) {
      List<String> chunk = missing.subList(from, Math.min(missing.size(), from + FETCH_CHUNK));
      Map<String, Integer> each = new HashMap<>();
      chunk.forEach(id -> each.put(id, 1));
      ModifiableSolrParams p = new ModifiableSolrParams();
      p.set(CommonParams.Q, disjunction(p, "i", Fields.ID, each));
      p.set(CommonParams.ROWS, each.size());
      p.set(CommonParams.FL, PASSAGE_FIELDS);
      for (SolrDocument d : query(p).getResults()) {
        IndexedPassage passage = passage(d);
        remember(passage);
        found.put(passage.id(), passage);
      }
    }
    List<IndexedPassage> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      IndexedPassage p = found.getOrDefault(id, passages.get(id));
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private static IndexedPassage passage(SolrDocument d) {
    String id = (String) d.getFieldValue(Fields.ID);
    Passage passage =
        new Passage(
            (String) d.getFieldValue(Fields.FILE),
            ((Number) d.getFieldValue(Fields.ORDINAL)).intValue(),
            SentenceCodec.fromBytes(bytes(d.getFieldValue(Fields.SENTENCES))));
    return new IndexedPassage(
        id,
        passage,
        (String) d.getFieldValue(Fields.TITLE),
        (String) d.getFieldValue(Fields.LANGUAGE),
        (String) d.getFieldValue(Fields.URL));
  }

  private static byte[] bytes(Object stored) {
    if (stored instanceof byte[] b) {
      return b;
    }
    ByteBuffer buffer = ((ByteBuffer) stored).duplicate();
    byte[] b = new byte[buffer.remaining()];
    buffer.get(b);
    return b;
  }

  @Override
  public List<ArticleInfo> articles() {
    List<ArticleInfo> out = new ArrayList<>();
    eachArticle(
        d -> {
          if (d.getFieldValue(Fields.SKIPPED) == null) {
            out.add(
                new ArticleInfo(
                    (String) d.getFieldValue(Fields.FILE),
                    (String) d.getFieldValue(Fields.TITLE),
                    (String) d.getFieldValue(Fields.LANGUAGE),
                    (String) d.getFieldValue(Fields.DATE),
                    (String) d.getFieldValue(Fields.URL),
                    ((Number) d.getFieldValue(Fields.PASSAGES)).intValue()));
          }
        });
    out.sort(Comparator.comparing(ArticleInfo::file));
    return out;
  }

  /** Every manifest document of the collection, a page at a time. */
  void eachArticle(Consumer<SolrDocument> each) {
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      ModifiableSolrParams p = new ModifiableSolrParams();
      p.set(CommonParams.Q, "{!term f=" + Fields.TYPE + "}" + Fields.ARTICLE);
      p.set(CommonParams.ROWS, PAGE);
      p.set(CommonParams.SORT, SolrFields.KEY + " asc");
      p.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse r = query(p);
      r.getResults().forEach(each);
      String next = r.getNextCursorMark();
      if (next == null || next.equals(cursor)) {
        return;
      }
      cursor = next;
    }
  }

  @Override
  public Optional<String> contentHash(String file) {
    // Asked for every cited file of every answer; one version of the collection, one hash.
    return hashes.computeIfAbsent(file, this::readContentHash);
  }

  private Optional<String> readContentHash(String file) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set(CommonParams.Q, "{!term f=" + Fields.FILE + "}" + file);
    p.set(CommonParams.FQ, "{!term f=" + Fields.TYPE + "}" + Fields.ARTICLE);
    p.set(CommonParams.FL, Fields.HASH);
    p.set(CommonParams.ROWS, 1);
    return query(p).getResults().stream()
        .findFirst()
        .map(d -> (String) d.getFieldValue(Fields.HASH));
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public List<IndexTerm> terms(String text, String language) {
    return analysis.terms(text, language);
  }

  @Override
  public int documentFrequency(String foldedTerm, String language) {
    return (int)
        count(
            "{!term f=" + Fields.FOLDED + "}" + foldedTerm,
            "{!term f=" + Fields.LANGUAGE + "}" + language);
  }

  @Override
  public double idf(String term, String language) {
    return TermStatistics.bm25Idf(
        count(withField(field(language)), null), passagesWith(term, language));
  }

  @Override
  public int passagesWith(String term, String language) {
    return (int) count(withTerm(field(language), term), null);
  }

  /** Counts every term not counted yet, and the passages with the field, in one facet request. */
  @Override
  public void prefetch(List<IndexTerm> terms, String language) {
    String field = field(language);
    List<String> queries = new ArrayList<>();
    queries.add(withField(field));
    terms.forEach(t -> queries.add(withTerm(field, t.text())));
    queries.removeIf(counts::containsKey);
    if (queries.isEmpty()) {
      return;
    }
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set(CommonParams.Q, "*:*");
    p.set(CommonParams.ROWS, 0);
    p.set("facet", true);
    p.set("facet.query", queries.stream().distinct().toArray(String[]::new));
    Map<String, Integer> found = query(p).getFacetQuery();
    if (counts.size() > MAX_CACHED_COUNTS) {
      counts.clear();
    }
    found.forEach((q, n) -> counts.put(q, n.longValue()));
  }

  /** The query of the passages holding {@code term} in {@code field}, also a cache key. */
  private static String withTerm(String field, String term) {
    return "{!term f=" + field + "}" + term;
  }

  /** The query of the passages with any term in {@code field} (BM25's N), also a cache key. */
  private static String withField(String field) {
    return field + ":[* TO *]";
  }

  private static String field(String language) {
    return Objects.requireNonNullElse(TermAnalysis.languageField(language), Fields.FOLDED);
  }

  /** How many documents match (across every shard), remembered for the life of this reader. */
  private long count(String q, String fq) {
    String key = fq == null ? q : q + '\u0000' + fq;
    Long cached = counts.get(key);
    if (cached != null) {
      return cached;
    }
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set(CommonParams.Q, q);
    if (fq != null) {
      p.set(CommonParams.FQ, fq);
    }
    p.set(CommonParams.ROWS, 0);
    long n = query(p).getResults().getNumFound();
    if (counts.size() > MAX_CACHED_COUNTS) {
      counts.clear();
    }
    counts.put(key, n);
    return n;
  }

  private QueryResponse query(ModifiableSolrParams p) {
    try {
      return client.query(collection, p, SolrRequest.METHOD.POST);
    } catch (SolrServerException | java.io.IOException | RuntimeException e) {
      if (e instanceof RuntimeException r && !SolrFailures.isUnavailable(r)) {
        throw r;
      }
      throw SolrFailures.unchecked(urls, collection, e);
    }
  }

  @Override
  public void close() {
    analysis.close();
  }
}
