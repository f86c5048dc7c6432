package dev.citebot.answer;

import dev.citebot.ingest.Sentence;
import dev.citebot.rank.AnswerModel;
import dev.citebot.rank.Candidate;
import dev.citebot.rank.CandidateFinder;
import dev.citebot.retrieve.RetrievedPassage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The offline answerer: quotes the sentences of the retrieved passages that best answer the
 * question. Candidate sentences are measured by {@link CandidateFinder} and ordered by the learned
 * ranker of {@link AnswerModel}; when its answerability model finds the best sentence unlikely to
 * answer, the answer says the articles do not answer, instead of quoting something unrelated.
 */
public final class ExtractiveAnswerer implements Answerer {
  /** Prior: five sources are what a reader will check; more is a list nobody reads. */
  static final int MAX_CITATIONS = 5;

  private final CandidateFinder finder;
  private final AnswerModel model;
  private final int maxChars;

  public ExtractiveAnswerer(CandidateFinder finder, AnswerModel model, int maxChars) {
    this.finder = Objects.requireNonNull(finder, "finder");
    this.model = Objects.requireNonNull(model, "model");
    this.maxChars = maxChars;
  }

  /** A candidate with its ranker score and its share of the question's candidates (0..1). */
  private record Scored(Candidate candidate, double score, double share) {
    RetrievedPassage from() {
      return candidate.from();
    }

    Sentence sentence() {
      return candidate.sentence();
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
    Scored best = ranked.get(0);
    for (Sentence s : extend(best)) {
      Sentence quoted = fit(s, request, best.candidate().language());
      addCitation(citations, best, quoted);
      text.append(text.isEmpty() ? "" : " ").append(display(quoted.text()));
      text.append(" [").append(citations.size()).append(']');
    }
    // The next best places, so a reader can check more than one source; only sentences that
    // share something with the question.
    List<String> more = new ArrayList<>();
    for (Scored c : ranked) {
      if (citations.size() >= MAX_CITATIONS) {
        break;
      }
      if (sharesSomething(c.candidate()) && !overlaps(citations, c)) {
        addCitation(citations, c, fit(c.sentence(), request, c.candidate().language()));
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

  /** The candidate sentences, best first, each once (overlapping passages repeat sentences). */
  private List<Scored> rank(AnswerRequest request) {
    List<Candidate> candidates =
        finder.candidates(
            request.question(), request.standalone(), request.language(), request.passages());
    Map<String, Scored> byKey = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      Scored s = new Scored(c, model.score(c.features()), 0);
      byKey.putIfAbsent(c.key(), s); // the copy of the better-ranked passage, as in training
    }
    List<Scored> out = new ArrayList<>(byKey.values());
    // A follow-up stays on the conversation's subject: sentences of passages that never name it
    // come after those that do, whatever their score.
    out.sort(
        Comparator.comparing((Scored s) -> !s.candidate().onSubject())
            .thenComparing(Comparator.comparingDouble(Scored::score).reversed()));
    if (out.isEmpty()) {
      return out;
    }
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

  /** Whether a sentence holds any of the question's words, in its language or translated. */
  private static boolean sharesSomething(Candidate c) {
    return c.features().coverSentence() > 0 || c.features().conceptsCross() > 0;
  }

  private boolean answerable(List<Scored> ranked) {
    Scored best = ranked.get(0);
    double lead = ranked.size() > 1 ? Math.max(0, best.score() - ranked.get(1).score()) : 0;
    return model.answerable(best.candidate().features(), best.score(), lead) >= model.refuseBelow();
  }

  /**
   * A sentence that opens or continues a list (ends with ':' or ';') is answered by the items that
   * follow in the passage; take them while the answer stays short.
   */
  private List<Sentence> extend(Scored c) {
    List<Sentence> all = c.from().indexed().passage().sentences();
    int i = all.indexOf(c.sentence());
    List<Sentence> out = new ArrayList<>(List.of(c.sentence()));
    int length = c.sentence().text().length();
    // An item of a list reads better after the sentence that introduces the list.
    if (i > 0 && all.get(i - 1).text().endsWith(":")) {
      out.add(0, all.get(i - 1));
      length += all.get(i - 1).text().length();
    }
    while (i + 1 < all.size() && endsList(all.get(i).text())) {
      Sentence next = all.get(++i);
      length += next.text().length() + 5;
      if (length > maxChars) {
        break;
      }
      out.add(next);
    }
    return out;
  }

  private static boolean endsList(String text) {
    return text.endsWith(":") || text.endsWith(";");
  }

  /**
   * A sentence longer than the answer limit is cut to the run of its clauses (split after , ; :)
   * that holds the most question weight, so the quote stays short and still verbatim.
   */
  private Sentence fit(Sentence s, AnswerRequest request, String language) {
    String text = s.text();
    if (text.length() <= maxChars) {
      return s;
    }
    List<Integer> cuts = new ArrayList<>(List.of(0));
    for (int i = 0; i < text.length() - 1; i++) {
      char ch = text.charAt(i);
      if ((ch == ',' || ch == ';' || ch == ':') && Character.isWhitespace(text.charAt(i + 1))) {
        cuts.add(i + 1);
      }
    }
    cuts.add(text.length());
    int bestFrom = 0;
    int bestTo = cuts.size() - 1;
    double bestWeight = -1;
    for (int a = 0; a < cuts.size() - 1; a++) {
      int b = a + 1;
      while (b + 1 < cuts.size() && cuts.get(b + 1) - cuts.get(a) <= maxChars) {
        b++;
      }
      double weight =
          finder.coverage(
              text.substring(cuts.get(a), cuts.get(b)),
              language,
              request.question(),
              request.standalone(),
              request.language());
      if (weight > bestWeight) {
        bestWeight = weight;
        bestFrom = a;
        bestTo = b;
      }
    }
    return clause(s, cuts.get(bestFrom), cuts.get(bestTo));
  }

  /** The part [from, to) of a sentence, trimmed, with its own offsets and lines. */
  static Sentence clause(Sentence s, int from, int to) {
    String text = s.text();
    while (from < to && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    int firstLine = s.firstLine() + lineBreaks(text, 0, from);
    int lastLine = firstLine + lineBreaks(text, from, to);
    return new Sentence(
        text.substring(from, to), s.start() + from, s.start() + to, firstLine, lastLine);
  }

  /** Line breaks (\n, \r\n or a lone \r) in text[from, to). */
  private static int lineBreaks(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      if (ch == '\n' || (ch == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        n++;
      }
    }
    return n;
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
      if (cited.file().equals(c.from().indexed().passage().file())
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
