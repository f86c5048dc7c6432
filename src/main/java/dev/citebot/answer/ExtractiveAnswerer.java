package dev.citebot.answer;

import dev.citebot.index.PassageIndex;
import dev.citebot.ingest.Sentence;
import dev.citebot.rank.AnswerModel;
import dev.citebot.rank.Candidate;
import dev.citebot.rank.CandidateFinder;
import dev.citebot.retrieve.RetrievedPassage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The offline answerer: quotes the sentences of the retrieved passages that best answer the
 * question. Candidate sentences are measured by {@link CandidateFinder} and ordered by the learned
 * ranker of {@link AnswerModel}; when its answerability model finds the best sentence unlikely to
 * answer, the answer says the articles do not answer, instead of quoting something unrelated.
 *
 * <p>An answer quotes whole sentences: the best one (cut to its evidence only when far over {@code
 * answer.max-chars}, see {@link QuoteFitter}), the whole list when it opens one or the question
 * asks for several things (see {@link ListQuotes}), and a second sentence when the ranker finds it
 * nearly as likely to answer and both fit the limit. A source in another language than the question
 * is named. Then "see also" points to the next best places.
 */
public final class ExtractiveAnswerer implements Answerer {
  /** Prior: five sources are what a reader will check; more is a list nobody reads. */
  static final int MAX_CITATIONS = 5;

  /**
   * Prior: a second sentence joins the answer when the ranker finds it at least this likely,
   * relative to the best, to be the answer (a near tie: the reader gets both).
   */
  static final double NEARLY_AS_LIKELY = 0.5;

  /**
   * Prior: a list is quoted up to this many times {@code answer.max-chars}: the reader asked for
   * all of it, and a list longer than that is better read in the article.
   */
  static final int LIST_LIMITS = 3;

  private final CandidateFinder finder;
  private final AnswerModel model;
  private final int maxChars;
  private final QuoteFitter fitter;
  private final ListQuotes lists;
  private final Function<String, String> citableText;

  /**
   * @param corpus the corpus folder: a quote spanning several sentences (a list) is cut from the
   *     file's own text, so it stays verbatim
   */
  public ExtractiveAnswerer(PassageIndex index, AnswerModel model, int maxChars, Path corpus) {
    this(index, model, maxChars, file -> CorpusText.of(corpus, file));
  }

  ExtractiveAnswerer(
      PassageIndex index, AnswerModel model, int maxChars, Function<String, String> citableText) {
    this.finder = new CandidateFinder(Objects.requireNonNull(index, "index"));
    this.model = Objects.requireNonNull(model, "model");
    this.maxChars = maxChars;
    this.fitter = new QuoteFitter(maxChars);
    this.lists = new ListQuotes(index);
    this.citableText = citableText;
  }

  /** A candidate with its ranker score and its share of the question's candidates (0..1). */
  private record Scored(Candidate candidate, double score, double share) {
    RetrievedPassage from() {
      return candidate.from();
    }

    Sentence sentence() {
      return candidate.sentence();
    }

    String file() {
      return candidate.from().indexed().passage().file();
    }
  }

  @Override
  public Answer answer(AnswerRequest request) {
    List<Scored> ranked = rank(request);
    if (ranked.isEmpty() || !answerable(ranked)) {
      return Answer.notInArticles(request.question(), request.language(), "extractive");
    }
    List<Citation> citations = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    Set<String> foreign = new LinkedHashSet<>();
    Scored best = ranked.get(0);
    boolean several = quoteBest(best, request, citations, text);
    note(best, request, foreign);
    if (!several && !isFollowUp(request) && ranked.size() > 1) {
      Scored second = nextDistinct(ranked, citations);
      if (second != null && second.share() >= NEARLY_AS_LIKELY * best.share()) {
        QuoteFitter.Fitted f = fit(second, request);
        if (text.length() + 1 + f.display().length() + 4 <= maxChars) {
          addCitation(citations, second, f.quote());
          text.append(' ').append(f.display()).append(" [").append(citations.size()).append(']');
          note(second, request, foreign);
        }
      }
    }
    if (!foreign.isEmpty()) {
      text.append(' ').append(Phrases.sourceIn(request.language(), List.copyOf(foreign)));
    }
    // The next best places, so a reader can check more than one source; only sentences that
    // share something with the question.
    List<String> more = new ArrayList<>();
    for (Scored c : ranked) {
      if (citations.size() >= MAX_CITATIONS) {
        break;
      }
      if (c.candidate().features().coverSentence() > 0 && !overlaps(citations, c)) {
        addCitation(citations, c, fit(c, request).quote());
        more.add("[" + citations.size() + "]");
      }
    }
    if (!more.isEmpty()) {
      text.append('\n').append(Phrases.seeAlso(request.language())).append(' ');
      text.append(String.join(" ", more));
    }
    return new Answer(
        request.question(),
        text.toString(),
        request.language(),
        true,
        citations,
        "extractive",
        Answer.Timings.NONE);
  }

  /**
   * Quotes the best sentence, or the list it opens or belongs to, into {@code text}.
   *
   * @return whether more than one sentence was quoted
   */
  private boolean quoteBest(
      Scored best, AnswerRequest request, List<Citation> citations, StringBuilder text) {
    ListQuotes.Quoted q =
        lists.quote(
            best.from().indexed(),
            best.sentence(),
            SeveralThings.asked(request.question()),
            LIST_LIMITS * maxChars);
    List<Sentence> sentences = q.sentences();
    if (sentences.size() == 1) {
      QuoteFitter.Fitted f = fit(best, request);
      addCitation(citations, best, f.quote());
      text.append(f.display()).append(" [").append(citations.size()).append(']');
      return false;
    }
    StringBuilder shown = new StringBuilder();
    for (Sentence s : sentences) {
      shown.append(shown.isEmpty() ? "" : "\n").append(display(s.text()));
    }
    if (q.goesOn()) {
      shown.append("\n…");
    }
    Sentence span = span(best.file(), sentences);
    if (span != null) {
      addCitation(citations, best, span);
      text.append(shown).append(" [").append(citations.size()).append(']');
    } else {
      // The file changed since it was indexed: each sentence is its own quote.
      for (Sentence s : sentences) {
        addCitation(citations, best, s);
        text.append(text.isEmpty() ? "" : "\n").append(display(s.text()));
        text.append(" [").append(citations.size()).append(']');
      }
    }
    return true;
  }

  /**
   * One quote from the first to the last of {@code sentences}, the file's own text between them
   * included; null unless the file still holds them as indexed with only whitespace between.
   */
  private Sentence span(String file, List<Sentence> sentences) {
    String text = citableText.apply(file);
    if (text == null) {
      return null;
    }
    for (int i = 0; i < sentences.size(); i++) {
      Sentence s = sentences.get(i);
      if (s.end() > text.length() || !text.substring(s.start(), s.end()).equals(s.text())) {
        return null;
      }
      if (i > 0 && !text.substring(sentences.get(i - 1).end(), s.start()).isBlank()) {
        return null;
      }
    }
    Sentence first = sentences.get(0);
    Sentence last = sentences.get(sentences.size() - 1);
    return new Sentence(
        text.substring(first.start(), last.end()),
        first.start(),
        last.end(),
        first.firstLine(),
        last.lastLine());
  }

  private void note(Scored c, AnswerRequest request, Set<String> foreign) {
    if (!c.candidate().language().equals(request.language())) {
      foreign.add(c.candidate().language());
    }
  }

  private QuoteFitter.Fitted fit(Scored c, AnswerRequest request) {
    String language = c.candidate().language();
    return fitter.fit(
        c.sentence(),
        clause -> CandidateFinder.factFit(request.question(), clause),
        clause ->
            finder.coverage(
                clause, language, request.question(), request.standalone(), request.language()));
  }

  private static Scored nextDistinct(List<Scored> ranked, List<Citation> citations) {
    for (Scored c : ranked.subList(1, ranked.size())) {
      if (!overlaps(citations, c)) {
        return c;
      }
    }
    return null;
  }

  /** The candidate sentences, best first, each once (overlapping passages repeat sentences). */
  private List<Scored> rank(AnswerRequest request) {
    List<Scored> out =
        scored(
            finder.candidates(
                request.question(), request.standalone(), request.language(), request.passages()));
    // A follow-up stays on the conversation's subject: sentences of passages that never name it
    // come after those that do, whatever their score.
    out.sort(
        Comparator.comparing((Scored s) -> !s.candidate().onSubject())
            .thenComparing(Comparator.comparingDouble(Scored::score).reversed()));
    return isFollowUp(request) ? followUpOrder(out, request) : out;
  }

  /** Scores each distinct candidate and gives it its share of the model's belief. */
  private List<Scored> scored(List<Candidate> candidates) {
    Map<String, Scored> byKey = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      // The copy of the better-ranked passage, as in training.
      byKey.putIfAbsent(c.key(), new Scored(c, model.score(c.features()), 0));
    }
    List<Scored> out = new ArrayList<>(byKey.values());
    // Softmax over the question's candidates: the model's belief that each is the answer.
    double top = out.stream().mapToDouble(Scored::score).max().orElse(0);
    double sum = 0;
    for (Scored s : out) {
      sum += Math.exp(s.score() - top);
    }
    List<Scored> shared = new ArrayList<>(out.size());
    for (Scored s : out) {
      shared.add(new Scored(s.candidate(), s.score(), Math.exp(s.score() - top) / sum));
    }
    return shared;
  }

  private static boolean isFollowUp(AnswerRequest request) {
    return !request.standalone().equals(request.question());
  }

  /**
   * A follow-up adds a new ask to the conversation's subject ("And when did they establish
   * relations?"). The subject picks the article: the one of the best on-subject sentence, read in
   * context. The new ask picks the sentence in it: its candidates are ranked by the question as
   * typed, so the context's words do not pull the previous answer back up. Whatever the previous
   * answer quoted first comes last: it answered the previous ask.
   */
  private List<Scored> followUpOrder(List<Scored> inContext, AnswerRequest request) {
    Optional<Citation> previous =
        request.conversation().last().flatMap(t -> t.answer().citations().stream().findFirst());
    String article = null;
    for (Scored s : inContext) {
      if (s.candidate().onSubject() && !repeats(s, previous)) {
        article = s.file();
        break;
      }
    }
    Map<String, Double> asTyped = new HashMap<>();
    for (Scored s :
        scored(
            finder.candidates(
                request.question(), request.question(), request.language(), request.passages()))) {
      asTyped.put(s.candidate().key(), s.score());
    }
    Map<String, Integer> place = new HashMap<>();
    for (int i = 0; i < inContext.size(); i++) {
      place.put(inContext.get(i).candidate().key(), i);
    }
    String chosen = article;
    Comparator<Scored> order =
        Comparator.comparingInt(
                (Scored s) ->
                    repeats(s, previous)
                        ? 2
                        : s.file().equals(chosen) && s.candidate().onSubject() ? 0 : 1)
            .thenComparingDouble(
                s ->
                    s.file().equals(chosen) && s.candidate().onSubject() && !repeats(s, previous)
                        ? -asTyped.getOrDefault(s.candidate().key(), Double.NEGATIVE_INFINITY)
                        : place.get(s.candidate().key()));
    List<Scored> out = new ArrayList<>(inContext);
    out.sort(order);
    return out;
  }

  /** Whether {@code s} lies in the lines the previous answer quoted first. */
  private static boolean repeats(Scored s, Optional<Citation> previous) {
    return previous
        .filter(
            c ->
                c.file().equals(s.file())
                    && s.sentence().firstLine() <= c.lastLine()
                    && s.sentence().lastLine() >= c.firstLine())
        .isPresent();
  }

  private boolean answerable(List<Scored> ranked) {
    Scored best = ranked.get(0);
    double lead = ranked.size() > 1 ? Math.max(0, best.score() - ranked.get(1).score()) : 0;
    return model.answerable(best.candidate().features(), best.score(), lead) >= model.refuseBelow();
  }

  private void addCitation(List<Citation> citations, Scored c, Sentence quoted) {
    var p = c.from().indexed();
    citations.add(
        new Citation(
            citations.size() + 1,
            p.passage().file(),
            p.title(),
            p.sourceUrl(),
            quoted.firstLine(),
            quoted.lastLine(),
            quoted.text(),
            Math.round(c.share() * 100) / 100.0));
  }

  private static boolean overlaps(List<Citation> citations, Scored c) {
    for (Citation cited : citations) {
      if (cited.file().equals(c.file())
          && c.sentence().firstLine() <= cited.lastLine()
          && c.sentence().lastLine() >= cited.firstLine()) {
        return true;
      }
    }
    return false;
  }

  private static String display(String quote) {
    return quote.replaceAll("\\s+", " ").strip();
  }
}
