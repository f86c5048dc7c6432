package dev.citebot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.citebot.cli.EvalReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One question of an eval set in the format of eval/xquad (README there), with the optional fields
 * of eval/unanswerable: {@code answerable} (default true) and {@code cross_lingual} (default
 * false). An unanswerable question has no gold file.
 */
record GoldQuestion(
    String id,
    String lang,
    String question,
    String file,
    int firstLine,
    int lastLine,
    List<String> answers,
    boolean answerable,
    boolean crossLingual) {

  GoldQuestion {
    answers = List.copyOf(answers);
  }

  /** XQuAD article number from a gold file name such as {@code vi-07-southern-california.txt}. */
  int xquadArticle() {
    return xquadArticle(file);
  }

  static int xquadArticle(String fileName) {
    return Integer.parseInt(fileName.substring(3, 5));
  }

  GoldQuestion asUnanswerable() {
    return new GoldQuestion(id, lang, question, "", 0, 0, answers, false, crossLingual);
  }

  /** The gold place and answers, as {@link EvalReport} scores them. */
  EvalReport.Gold gold() {
    return new EvalReport.Gold(question, file, firstLine, lastLine, answers);
  }

  /** The questions of a JSONL eval set, read as {@code citebot eval} reads them plus the extras. */
  static List<GoldQuestion> read(Path file) throws IOException {
    List<GoldQuestion> out = new ArrayList<>();
    for (JsonNode o : EvalReport.readJsonl(file)) {
      EvalReport.Gold g = EvalReport.Gold.of(o);
      out.add(
          new GoldQuestion(
              o.path("id").asText(),
              o.path("lang").asText(),
              g.question(),
              g.file(),
              g.firstLine(),
              g.lastLine(),
              g.answers(),
              o.path("answerable").asBoolean(true),
              o.path("cross_lingual").asBoolean(false)));
    }
    return out;
  }
}
