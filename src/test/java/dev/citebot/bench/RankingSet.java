package dev.citebot.bench;

import dev.citebot.Citebot;
import dev.citebot.cli.EvalReport;
import dev.citebot.rank.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One question's candidate sentences as training and measuring data: each sentence once (the copy
 * from the better-ranked passage), with its feature vector and whether it is a right answer.
 *
 * @param task vi, en or en2vi
 * @param article the XQuAD article of the question (its fold is article % folds)
 * @param answerable false when asked against a corpus without the question's article
 * @param gold where the answer is (file "" when unanswerable)
 */
record RankingSet(
    String task, String id, int article, boolean answerable, EvalReport.Gold gold, List<Row> rows) {

  /**
   * One candidate sentence.
   *
   * @param positive in the gold lines and holding a gold answer (or, when no candidate holds one,
   *     in the gold lines)
   * @param cited where a citation of it would point
   */
  record Row(double[] x, boolean positive, EvalReport.Cite cited) {}

  boolean hasPositive() {
    return rows.stream().anyMatch(Row::positive);
  }

  /** The candidates of {@code q} as citebot finds them, labelled against its gold. */
  static RankingSet of(Citebot bot, String task, GoldQuestion q, boolean answerable) {
    Map<String, Candidate> byKey = new LinkedHashMap<>();
    for (Candidate c : bot.candidates(q.question())) {
      byKey.putIfAbsent(c.key(), c);
    }
    EvalReport.Gold gold = answerable ? q.gold() : q.asUnanswerable().gold();
    List<EvalReport.Cite> cites = new ArrayList<>();
    List<Boolean> holdsAnswer = new ArrayList<>();
    boolean anyAnswer = false;
    for (Candidate c : byKey.values()) {
      EvalReport.Cite cite =
          new EvalReport.Cite(
              c.from().indexed().passage().file(),
              c.sentence().firstLine(),
              c.sentence().lastLine());
      cites.add(cite);
      String text = EvalReport.normalize(c.sentence().text());
      boolean has =
          answerable
              && EvalReport.matches(cite, gold)
              && gold.answers().stream().anyMatch(a -> text.contains(EvalReport.normalize(a)));
      holdsAnswer.add(has);
      anyAnswer |= has;
    }
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (Candidate c : byKey.values()) {
      EvalReport.Cite cite = cites.get(i);
      boolean positive =
          answerable && (anyAnswer ? holdsAnswer.get(i) : EvalReport.matches(cite, gold));
      rows.add(new Row(c.features().values(), positive, cite));
      i++;
    }
    return new RankingSet(task, q.id(), q.xquadArticle(), answerable, gold, List.copyOf(rows));
  }
}
