package dev.citebot.retrieve;

import dev.citebot.index.Hit;
import dev.citebot.index.IndexedPassage;
import dev.citebot.index.PassageEmbedder;
import dev.citebot.index.PassageIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Hybrid retrieval: BM25 in the question's language, BM25 over folded text (any language, names
 * without accents) and, when the index has them, embedding vectors; the rankings are fused by
 * reciprocal rank. One search of {@link RetrievalPipeline}.
 */
public final class HybridRetriever {
  /** Each ranking looks this much deeper than the final cut so fusion has material to work with. */
  private static final int DEPTH = 50;

  /** A BM25 hit below this share of its ranking's best score gets no vote (see strong). */
  static final double MIN_SHARE_OF_TOP = 0.25;

  private final PassageIndex index;
  private final PassageEmbedder embedder;
  private final ReciprocalRankFusion fusion;
  private final QueryTranslator translator;
  private final Set<String> corpusLanguages;
  private final Map<String, Set<String>> filesNotIn = new ConcurrentHashMap<>();

  /**
   * @param embedder null when vectors are off
   */
  public HybridRetriever(
      PassageIndex index, QueryTranslator translator, PassageEmbedder embedder, int rrfK) {
    this.index = Objects.requireNonNull(index, "index");
    this.embedder = index.hasVectors() ? embedder : null;
    this.fusion = new ReciprocalRankFusion(rrfK);
    this.translator = Objects.requireNonNull(translator, "translator");
    this.corpusLanguages =
        index.articles().stream().map(a -> a.language()).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The best {@code k} passages for {@code text}, written in {@code language}; with one more
   * ranking limited to {@code preferred} files when there are any: a follow-up question is most
   * likely about the article the conversation is on.
   */
  public List<RetrievedPassage> search(String text, String language, int k, Set<String> preferred) {
    List<List<Hit>> rankings = new ArrayList<>();
    List<Hit> inLanguage = index.searchLanguage(text, language, DEPTH);
    rankings.add(strong(inLanguage));
    // The folded field holds every language: search it with the question's words and their
    // translations into the corpus's other languages.
    String translated = translator.expand(text, language, corpusLanguages);
    List<Hit> folded = index.searchFolded(translated, DEPTH, Set.of());
    rankings.add(strong(folded));
    if (!preferred.isEmpty()) {
      rankings.add(strong(index.searchFolded(translated, DEPTH, preferred)));
    }
    // Passages in the question's language get two votes (their language's ranking and the folded
    // one); passages in the corpus's other languages get their second vote here, so a question
    // whose answer is written only in another language can still reach the top.
    if (corpusLanguages.contains(language) && corpusLanguages.size() > 1) {
      rankings.add(strong(index.searchFolded(translated, DEPTH, filesNotIn(language))));
    }
    if (embedder != null) {
      rankings.add(index.searchVector(embedder.embed(text), DEPTH));
    }
    List<Hit> fused = fusion.fuse(rankings, k);
    Map<String, Double> scores = new HashMap<>();
    fused.forEach(h -> scores.put(h.id(), h.score()));
    Map<String, Double> languageShare = shareOfTop(inLanguage);
    Map<String, Double> foldedShare = shareOfTop(folded);
    List<RetrievedPassage> out = new ArrayList<>(fused.size());
    for (IndexedPassage p : index.fetch(fused.stream().map(Hit::id).toList())) {
      out.add(
          new RetrievedPassage(
              p,
              scores.get(p.id()),
              out.size(),
              languageShare.getOrDefault(p.id(), 0.0),
              foldedShare.getOrDefault(p.id(), 0.0)));
    }
    return out;
  }

  /** Each hit's score as a share of the ranking's best: comparable across questions. */
  private static Map<String, Double> shareOfTop(List<Hit> ranking) {
    Map<String, Double> out = new HashMap<>();
    for (Hit h : ranking) {
      out.put(h.id(), h.score() / ranking.get(0).score());
    }
    return out;
  }

  private Set<String> filesNotIn(String language) {
    return filesNotIn.computeIfAbsent(
        language,
        l ->
            index.articles().stream()
                .filter(a -> !a.language().equals(l))
                .map(a -> a.file())
                .collect(Collectors.toUnmodifiableSet()));
  }

  /**
   * Drops the tail of a BM25 ranking that matches only a sliver of the question (say one common
   * name): rank fusion counts ranks, not scores, so such a tail would still earn votes, and a
   * ranking in one language would crowd out better matches written in another.
   */
  private static List<Hit> strong(List<Hit> ranking) {
    if (ranking.isEmpty()) {
      return ranking;
    }
    double floor = MIN_SHARE_OF_TOP * ranking.get(0).score();
    return ranking.stream().filter(h -> h.score() >= floor).toList();
  }
}
