package dev.citebot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

  static List<GoldQuestion> read(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<GoldQuestion> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode o = mapper.readTree(line);
        List<String> answers = new ArrayList<>();
        o.path("answers").forEach(a -> answers.add(a.asText()));
        out.add(
            new GoldQuestion(
                o.path("id").asText(),
                o.path("lang").asText(),
                o.path("question").asText(),
                o.path("gold_file").asText(""),
                o.path("gold_lines").path(0).asInt(0),
                o.path("gold_lines").path(1).asInt(0),
                answers,
                o.path("answerable").asBoolean(true),
                o.path("cross_lingual").asBoolean(false)));
      }
    }
    return out;
  }
}
