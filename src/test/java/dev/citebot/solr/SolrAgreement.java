package dev.citebot.solr;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citebot.Citebot;
import dev.citebot.TestCorpus;
import dev.citebot.config.CitebotConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How often the solr backend's first citation is the local index's, on the XQuAD dev sets and the
 * seed questions: each set's corpus indexed both ways (a collection of 2 shards x 2 replicas on a
 * 2-node in-JVM SolrCloud), every question asked of both. Run by {@code bench/solr-agreement}.
 */
public final class SolrAgreement {
  private record QuestionSet(String name, Path corpus, Path questions) {}

  public static void main(String[] args) throws Exception {
    List<QuestionSet> sets =
        List.of(
            new QuestionSet(
                "xquad/vi dev",
                Path.of("eval/xquad/vi/corpus"),
                Path.of("eval/xquad/vi/questions-dev.jsonl")),
            new QuestionSet(
                "xquad/en dev",
                Path.of("eval/xquad/en/corpus"),
                Path.of("eval/xquad/en/questions-dev.jsonl")),
            new QuestionSet(
                "xquad/en2vi dev",
                Path.of("eval/xquad/en2vi/corpus"),
                Path.of("eval/xquad/en2vi/questions-dev.jsonl")),
            new QuestionSet(
                "seeds", Path.of("seeds"), Path.of("eval/unanswerable/seeds/questions.jsonl")));
    Path work = Files.createTempDirectory("citebot-agreement");
    ObjectMapper json = new ObjectMapper();
    int allSame = 0, all = 0;
    try (LocalSolrCloud cloud = LocalSolrCloud.start(2, work.resolve("solr"))) {
      System.out.println("| question set | questions | same first citation | rate |");
      System.out.println("|---|---:|---:|---:|");
      List<String> differ = new ArrayList<>();
      for (QuestionSet set : sets) {
        String collection = "agree_" + set.name().replaceAll("[^a-z0-9]", "_");
        CitebotConfig localConfig = TestCorpus.config(set.corpus(), work.resolve("data"));
        CitebotConfig solrConfig =
            TestCorpus.config(
                set.corpus(),
                work.resolve("data"),
                Map.of(
                    "CITEBOT_INDEX_BACKEND", "solr",
                    "CITEBOT_SOLR_URLS", String.join(",", cloud.urls()),
                    "CITEBOT_SOLR_COLLECTION", collection,
                    "CITEBOT_SOLR_SHARDS", "2",
                    "CITEBOT_SOLR_REPLICAS", "2"));
        int same = 0, n = 0;
        try (Citebot local = Citebot.open(localConfig, false, line -> {});
            Citebot solr = Citebot.open(solrConfig, false, line -> {})) {
          for (String line : Files.readAllLines(set.questions(), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
              continue;
            }
            String q = json.readTree(line).get("question").asText();
            FirstCitation l = FirstCitation.of(local.ask(local.newConversation(), q));
            FirstCitation s = FirstCitation.of(solr.ask(solr.newConversation(), q));
            n++;
            if (l.equals(s)) {
              same++;
            } else {
              differ.add(set.name() + ": " + q + " — local " + l + ", solr " + s);
            }
          }
        }
        System.out.printf(
            "| %s | %d | %d | %.1f %% |%n", set.name(), n, same, 100.0 * same / Math.max(1, n));
        allSame += same;
        all += n;
      }
      System.out.printf(
          "| all | %d | %d | %.1f %% |%n", all, allSame, 100.0 * allSame / Math.max(1, all));
      differ.forEach(d -> System.out.println("differs: " + d));
    }
  }

  private SolrAgreement() {}
}
