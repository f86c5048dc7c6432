package dev.citebot.answer;

import dev.citebot.config.CitebotConfig;
import dev.citebot.index.IndexedPassage;
import dev.citebot.retrieve.HybridRetriever;
import dev.citebot.retrieve.QueryTranslator;
import dev.citebot.retrieve.RetrievedPassage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers through a language model (any OpenAI-compatible API) and shows the model's text only
 * after {@link CitationChecker} accepted it. Whatever goes wrong (the model is down, slow, rate
 * limited, cites passages it was not given or nothing at all, or no claim is supported by the
 * passage it cites) the user gets the extractive answer instead, within the configured timeout: the
 * timeout bounds the model calls and the check together, and the reply is read and checked only as
 * far as {@code llm.max-tokens} allows. The log says why; the user is not told.
 *
 * <p>In llm mode retrieval also goes through here ({@link #retrieve}): the follow-up is made
 * standalone with the conversation's memory and translated into the corpus languages, and the
 * searches in every language are fused by reciprocal rank.
 */
public final class LlmAnswerer implements Answerer, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LlmAnswerer.class);

  /** Share of the timeout the query rewrite may use; the answer gets the rest. */
  private static final double REWRITE_SHARE = 0.4;

  private final LlmClient client;
  private final Answerer fallback;
  private final Duration timeout;
  private final Set<String> corpusLanguages;
  private final int rrfK;
  private final PromptBuilder prompts = new PromptBuilder();
  private final CitationChecker checker;
  private final LlmQueryRewriter rewriter;

  LlmAnswerer(
      LlmClient client,
      Answerer fallback,
      Duration timeout,
      Set<String> corpusLanguages,
      int rrfK,
      Path corpus) {
    this.client = client;
    this.fallback = fallback;
    this.timeout = timeout;
    this.corpusLanguages = Set.copyOf(corpusLanguages);
    this.rrfK = rrfK;
    this.rewriter = new LlmQueryRewriter(client, prompts);
    this.checker =
        new CitationChecker(file -> CorpusText.of(corpus, file), QueryTranslator.bundled());
  }

  /**
   * The llm-mode answerer of {@code config} (its llm settings, fusion constant and corpus folder).
   *
   * @param fallback answers when the model cannot (the extractive answerer)
   * @param corpusLanguages languages of the articles, the targets of query translation
   */
  public static LlmAnswerer create(
      CitebotConfig config, Answerer fallback, Set<String> corpusLanguages) {
    return new LlmAnswerer(
        LlmClient.create(config.llm()),
        fallback,
        config.llm().timeout(),
        corpusLanguages,
        config.retrieve().rrfK(),
        config.corpus());
  }

  /**
   * What llm mode searched and found, and when its time is up.
   *
   * @param standalone the question made standalone (what was searched in the question's language)
   * @param deadlineNanos {@link System#nanoTime()} by which the answer must be decided
   */
  public record Retrieval(String standalone, List<RetrievedPassage> passages, long deadlineNanos) {}

  /**
   * Searches for {@code question}: made standalone by the model (else {@code heuristic}), and also
   * in its translations into the other corpus languages; the rankings are fused.
   *
   * @param onTopic files a follow-up most likely refers to (see {@link
   *     HybridRetriever#search(String, String, int, Set)}), or none
   */
  public Retrieval retrieve(
      String question,
      String heuristic,
      String language,
      Conversation conversation,
      HybridRetriever retriever,
      int k,
      Set<String> onTopic) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration budget = Duration.ofMillis(Math.max(1, (long) (timeout.toMillis() * REWRITE_SHARE)));
    LlmQueryRewriter.Rewritten rewritten =
        rewriter.rewrite(
            question, heuristic, language, ChatHistory.of(conversation), corpusLanguages, budget);
    List<List<RetrievedPassage>> rankings = new ArrayList<>();
    rankings.add(retriever.search(rewritten.standalone(), language, 2 * k, onTopic));
    rewritten
        .translations()
        .forEach((lang, text) -> rankings.add(retriever.search(text, lang, 2 * k, onTopic)));
    return new Retrieval(rewritten.standalone(), fuse(rankings, k, rrfK), deadline);
  }

  /**
   * Reciprocal-rank fusion of several searches, scores scaled so 1 = first in every one. The best
   * passage of each search is always kept (while k allows), so a passage that only the translation
   * into its language finds is not crowded out by passages the other searches share.
   */
  static List<RetrievedPassage> fuse(List<List<RetrievedPassage>> rankings, int k, int rrfK) {
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, IndexedPassage> passages = new LinkedHashMap<>();
    Set<String> firsts = new LinkedHashSet<>();
    int nonEmpty = 0;
    for (List<RetrievedPassage> ranking : rankings) {
      nonEmpty += ranking.isEmpty() ? 0 : 1;
      for (int r = 0; r < ranking.size(); r++) {
        IndexedPassage p = ranking.get(r).indexed();
        scores.merge(p.id(), 1.0 / (rrfK + r + 1), Double::sum);
        passages.putIfAbsent(p.id(), p);
        if (r == 0 && firsts.size() < k) {
          firsts.add(p.id());
        }
      }
    }
    double best = Math.max(1, nonEmpty) / (double) (rrfK + 1);
    List<String> ids = new ArrayList<>(scores.keySet());
    ids.sort(Comparator.comparingDouble((String id) -> scores.get(id)).reversed());
    List<String> kept = new ArrayList<>(firsts);
    for (String id : ids) {
      if (kept.size() >= k) {
        break;
      }
      if (!firsts.contains(id)) {
        kept.add(id);
      }
    }
    kept.sort(Comparator.comparingInt(ids::indexOf));
    List<RetrievedPassage> out = new ArrayList<>();
    for (String id : kept) {
      out.add(new RetrievedPassage(passages.get(id), scores.get(id) / best, out.size()));
    }
    return out;
  }

  @Override
  public Answer answer(AnswerRequest request) {
    return answer(request, System.nanoTime() + timeout.toNanos(), null);
  }

  /**
   * Answers {@code request} by {@code deadlineNanos}.
   *
   * @param onPartialText when not null, receives the model's text as it is generated, with its
   *     markers already renumbered as the checked answer will have them; it has not been checked
   *     yet, so the returned answer decides what stands (its text differs when the check failed)
   */
  public Answer answer(AnswerRequest request, long deadlineNanos, Consumer<String> onPartialText) {
    if (request.passages().isEmpty()) {
      return fallback.answer(request); // nothing to cite: no need to ask the model
    }
    Duration budget = Duration.ofNanos(deadlineNanos - System.nanoTime());
    if (budget.toMillis() < 1) {
      log.warn("No time left for the model; answered extractively.");
      return fallback.answer(request);
    }
    String raw;
    try {
      if (onPartialText == null) {
        raw = client.complete(prompts.answer(request), budget);
      } else {
        Markers.Stream shown = new Markers.Stream(request.passages().size(), onPartialText);
        raw = client.stream(prompts.answer(request), budget, shown::accept);
        shown.finish();
      }
    } catch (LlmClient.LlmException e) {
      log.warn("The model gave no answer ({}); answered extractively.", e.getMessage());
      return fallback.answer(request);
    }
    String reply = ReplyLimit.cut(raw, client.maxReplyChars());
    CitationChecker.Result result = checker.check(reply, request, deadlineNanos);
    if (result instanceof CitationChecker.Accepted ok) {
      return new Answer(
          request.question(),
          ok.text(),
          request.language(),
          true,
          ok.citations(),
          "llm",
          Answer.Timings.NONE);
    }
    if (result instanceof CitationChecker.NotAnswered) {
      return Answer.notInArticles(request.question(), request.language(), "llm");
    }
    log.info(
        "The model's answer was not shown: {}; answered extractively.",
        ((CitationChecker.Rejected) result).reason());
    return fallback.answer(request);
  }

  @Override
  public void close() {
    client.close();
  }
}
