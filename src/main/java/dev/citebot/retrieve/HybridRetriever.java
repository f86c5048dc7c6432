package dev.citebot.retrieve;

import dev.citebot.index.Hit;
import dev.citebot.index.IndexedPassage;
import dev.citebot.index.PassageEmbedder;
import dev.citebot.index.PassageIndex;
import dev.citebot.ingest.LanguageDetector;
import dev.citebot.ingest.Passage;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hybrid retrieval: BM25 in the question's language, BM25 over folded text (any language, names
 * without accents) and, when the index has them, embedding vectors; the rankings are fused by
 * reciprocal rank.
 */
public final class HybridRetriever implements ContentRetriever {
  /** Each ranking looks this much deeper than the final cut so fusion has material to work with. */
  private static final int DEPTH = 50;

  private final PassageIndex index;
  private final LanguageDetector languages;
  private final PassageEmbedder embedder;
  private final ReciprocalRankFusion fusion;
  private final int topK;

  /**
   * @param embedder null when vectors are off
   */
  public HybridRetriever(
      PassageIndex index,
      LanguageDetector languages,
      PassageEmbedder embedder,
      int topK,
      int rrfK) {
    this.index = Objects.requireNonNull(index, "index");
    this.languages = Objects.requireNonNull(languages, "languages");
    this.embedder = index.hasVectors() ? embedder : null;
    this.fusion = new ReciprocalRankFusion(rrfK);
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be at least 1");
    }
    this.topK = topK;
  }

  /** The best {@code k} passages for {@code text}, written in {@code language}. */
  public List<RetrievedPassage> search(String text, String language, int k) {
    List<List<Hit>> rankings = new ArrayList<>();
    rankings.add(index.searchLanguage(text, language, DEPTH));
    rankings.add(index.searchFolded(text, DEPTH));
    if (embedder != null) {
      rankings.add(index.searchVector(embedder.embed(text), DEPTH));
    }
    double[] weights = {1.0, 1.0, 1.0};
    List<Hit> fused = fusion.fuse(rankings, weights, k);
    Map<String, Double> scores = new HashMap<>();
    fused.forEach(h -> scores.put(h.id(), h.score()));
    List<RetrievedPassage> out = new ArrayList<>(fused.size());
    for (IndexedPassage p : index.fetch(fused.stream().map(Hit::id).toList())) {
      out.add(new RetrievedPassage(p, scores.get(p.id()), out.size()));
    }
    return out;
  }

  public List<RetrievedPassage> search(String text, int k) {
    return search(text, languages.detectQuestion(text), k);
  }

  /** LangChain4j view: one {@link Content} per passage, with file and lines in its metadata. */
  @Override
  public List<Content> retrieve(dev.langchain4j.rag.query.Query query) {
    List<Content> out = new ArrayList<>();
    for (RetrievedPassage r : search(query.text(), topK)) {
      Passage p = r.indexed().passage();
      Metadata md = new Metadata();
      md.put("file", p.file());
      md.put("title", r.indexed().title());
      md.put("language", r.indexed().language());
      md.put("first_line", p.firstLine());
      md.put("last_line", p.lastLine());
      md.put("id", r.indexed().id());
      out.add(
          Content.from(TextSegment.from(p.text(), md), Map.of(ContentMetadata.SCORE, r.score())));
    }
    return out;
  }

  public int topK() {
    return topK;
  }
}
