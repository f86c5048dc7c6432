package dev.citebot.answer;

import dev.citebot.index.PassageIndex;
import dev.citebot.ingest.MarkdownText;
import dev.citebot.ingest.Sentence;
import dev.citebot.rank.AnswerModel;
import dev.citebot.rank.Candidate;
import dev.citebot.rank.CandidateFinder;
import dev.citebot.rank.SentenceFeatures;
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
import java.util.OptionalDouble;
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
   * A second sentence joins the answer when the ranker finds it at least this likely, relative to
   * the best, to be the answer, and the two fit the limit with the slack a single sentence has
   * ({@link QuoteFitter#WHOLE_SENTENCE_SLACK}). Measured on held-out folds (bench/train, EVAL.md),
   * answer_has_gold vi / en at median characters: 0.5 .824 / .816 (227 / 213), 0.25 .839 / .824
   * (249 / 229), 0.1 .848 / .829 (259 / 250) within max-chars; 0.25 with the slack .859 / .853 (254
   * / 236); cite@1 and hit@5 unchanged throughout.
   */
  static final double NEARLY_AS_LIKELY = 0.25;

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
   * @param finder measures the candidate sentences (shared with the training command)
   * @param index where a list's neighbouring passages are read
   * @param corpus the corpus folder: a quote spanning several sentences (a list) is cut from the
   *     file's own text, so it stays verbatim
   */
  public ExtractiveAnswerer(
      CandidateFinder finder, PassageIndex index, AnswerModel model, int maxChars, Path corpus) {
    this(finder, index, model, maxChars, file -> CorpusText.of(corpus, file));
  }

  ExtractiveAnswerer(
      CandidateFinder finder,
      PassageIndex index,
      AnswerModel model,
      int maxChars,
      Function<String, String> citableText) {
    this.finder = Objects.requireNonNull(finder, "finder");
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
    ListQuotes.Quoted list =
        lists.quote(
            best.from().indexed(),
            best.sentence(),
            SeveralThings.asked(asked(request)),
            LIST_LIMITS * maxChars);
    note(best, request, foreign);
    if (list.sentences().size() > 1) {
      quoteList(best, list, citations, text);
    } else {
      Scored second = quoteWithRunnerUp(ranked, request, citations, text);
      if (second != null) {
        note(second, request, foreign);
      }
    }
    if (!foreign.isEmpty()) {
      text.append(' ').append(Phrases.sourceIn(request.language(), List.copyOf(foreign)));
    }
    seeAlso(ranked, request, citations, text);
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
   * Quotes the best sentence, and the runner-up when it is nearly as likely (not for a follow-up
   * with a new ask: that one answer is what was asked).
   *
   * @return the runner-up when it was quoted, else null
   */
  private Scored quoteWithRunnerUp(
      List<Scored> ranked, AnswerRequest request, List<Citation> citations, StringBuilder text) {
    Scored best = ranked.get(0);
    QuoteFitter.Fitted first = fitted(best, request);
    Scored second = addsNewAsk(request) ? null : second(ranked, first, request);
    Sentence joint = second == null ? null : joint(best, first, second);
    if (joint != null) {
      // Two sentences of one paragraph on the same lines: one quote, read in file order.
      addCitation(citations, best, joint);
      boolean before = second.sentence().start() < best.sentence().start();
      Sentence a = before ? second.sentence() : best.sentence();
      Sentence b = before ? best.sentence() : second.sentence();
      String between = joint.text().substring(a.end() - joint.start(), b.start() - joint.start());
      text.append(shown(best.file(), display(a.text())))
          .append(between.isBlank() ? " " : " … ")
          .append(shown(best.file(), display(b.text())))
          .append(" [")
          .append(citations.size())
          .append(']');
    } else {
      cite(best, first, citations, text);
      if (second != null) {
        cite(second, fitted(second, request), citations, text.append(' '));
      }
    }
    return second;
  }

  /**
   * The next best places, so a reader can check more than one source; only sentences that share
   * something with the question.
   */
  private void seeAlso(
      List<Scored> ranked, AnswerRequest request, List<Citation> citations, StringBuilder text) {
    List<String> more = new ArrayList<>();
    for (Scored c : ranked) {
      if (citations.size() >= MAX_CITATIONS) {
        break;
      }
      if (sharesSomething(c.candidate()) && !overlaps(citations, c)) {
        addCitation(citations, c, fitted(c, request).quote());
        more.add("[" + citations.size() + "]");
      }
    }
    if (!more.isEmpty()) {
      text.append('\n').append(Phrases.seeAlso(request.language())).append(' ');
      text.append(String.join(" ", more));
    }
  }

  /** Quotes a list (or an item with its introduction) as one quote where the file allows. */
  private void quoteList(
      Scored best, ListQuotes.Quoted q, List<Citation> citations, StringBuilder text) {
    List<Sentence> sentences = q.sentences();
    StringBuilder block = new StringBuilder();
    for (Sentence s : sentences) {
      block.append(block.isEmpty() ? "" : "\n").append(shown(best.file(), display(s.text())));
    }
    if (q.goesOn()) {
      block.append("\n…");
    }
    Sentence span = span(best.file(), sentences);
    if (span != null) {
      addCitation(citations, best, span);
      text.append(block).append(" [").append(citations.size()).append(']');
    } else {
      // The file changed since it was indexed: each sentence is its own quote.
      for (Sentence s : sentences) {
        addCitation(citations, best, s);
        text.append(text.isEmpty() ? "" : "\n").append(shown(best.file(), display(s.text())));
        text.append(" [").append(citations.size()).append(']');
      }
    }
  }

  private void cite(Scored c, QuoteFitter.Fitted f, List<Citation> citations, StringBuilder text) {
    addCitation(citations, c, f.quote());
    text.append(shown(c.file(), f.display())).append(" [").append(citations.size()).append(']');
  }

  /**
   * The runner-up, when the ranker finds it nearly as likely to answer as the best and both fit the
   * limit together; else null.
   */
  private Scored second(List<Scored> ranked, QuoteFitter.Fitted first, AnswerRequest request) {
    if (ranked.size() < 2 || ranked.get(1).share() < NEARLY_AS_LIKELY * ranked.get(0).share()) {
      return null;
    }
    Scored second = ranked.get(1);
    int length = first.display().length() + 1 + fitted(second, request).display().length();
    return length <= maxChars * QuoteFitter.WHOLE_SENTENCE_SLACK ? second : null;
  }

  /**
   * One quote holding both sentences when the second lies on the lines of the first (a paragraph
   * written on one line): the file's text from the earlier to the later, so a place is cited once.
   * Null when they are on other lines, when either was cut, or when the file cannot be read.
   */
  private Sentence joint(Scored best, QuoteFitter.Fitted first, Scored second) {
    Sentence a = best.sentence();
    Sentence b = second.sentence();
    if (!first.quote().equals(a)
        || !second.file().equals(best.file())
        || b.firstLine() > a.lastLine()
        || b.lastLine() < a.firstLine()
        || b.text().length() > maxChars * QuoteFitter.WHOLE_SENTENCE_SLACK) {
      return null;
    }
    List<Sentence> ordered = b.start() < a.start() ? List.of(b, a) : List.of(a, b);
    String text = citableText.apply(best.file());
    if (text == null) {
      return null;
    }
    for (Sentence s : ordered) {
      if (s.end() > text.length() || !text.substring(s.start(), s.end()).equals(s.text())) {
        return null;
      }
    }
    Sentence from = ordered.get(0);
    Sentence to = ordered.get(1);
    return new Sentence(
        text.substring(from.start(), to.end()),
        from.start(),
        to.end(),
        Math.min(from.firstLine(), to.firstLine()),
        Math.max(from.lastLine(), to.lastLine()));
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

  private QuoteFitter.Fitted fitted(Scored c, AnswerRequest request) {
    String language = c.candidate().language();
    return fitter.fit(
        c.sentence(),
        clause -> CandidateFinder.typeMatch(asked(request), clause),
        clause ->
            finder.coverage(
                clause, language, asked(request), request.standalone(), request.language()));
  }

  /** The candidate sentences, best first, each once (overlapping passages repeat sentences). */
  private List<Scored> rank(AnswerRequest request) {
    List<Scored> out =
        scored(
            finder.candidates(
                asked(request), request.standalone(), request.language(), request.passages()));
    // A follow-up stays on the conversation's subject: sentences of passages that never name it
    // come after those that do, whatever their score.
    out.sort(
        Comparator.comparing((Scored s) -> !s.candidate().onSubject())
            .thenComparing(Comparator.comparingDouble(Scored::score).reversed()));
    return addsNewAsk(request) ? followUpOrder(out, request) : out;
  }

  /**
   * What the question asks, for the kind of fact wanted and the clause to keep: as typed, except
   * for "What about X?", which asks the previous question again (X, added in its standalone form,
   * is then the subject every quote must name, as for other follow-ups).
   */
  private static String asked(AnswerRequest request) {
    return isFollowUp(request)
        ? FollowUpRewriter.ask(request.question(), request.standalone())
        : request.question();
  }

  /** A follow-up that asks something new about the conversation's subject ("And when…"). */
  private static boolean addsNewAsk(AnswerRequest request) {
    return isFollowUp(request) && !FollowUpRewriter.asksAboutNewSubject(request.question());
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

  /** Whether a sentence holds any of the question's words, in its language or translated. */
  private static boolean sharesSomething(Candidate c) {
    return c.features().coverSentence() > 0 || c.features().conceptsCross() > 0;
  }

  private boolean answerable(List<Scored> ranked) {
    Scored best = ranked.get(0);
    double lead = ranked.size() > 1 ? Math.max(0, best.score() - ranked.get(1).score()) : 0;
    SentenceFeatures f = best.candidate().features();
    return !model.refuseBelow().refuses(f, model.answerable(f, best.score(), lead));
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
            rounded(c.from().score()),
            OptionalDouble.of(rounded(c.share()))));
  }

  private static double rounded(double score) {
    return Math.round(score * 100) / 100.0;
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

  /** A quote as the reader sees it: a Markdown file's inline markup (links, emphasis) removed. */
  private static String shown(String file, String quote) {
    return MarkdownText.isMarkdown(file) ? MarkdownText.plain(quote) : quote;
  }
}
