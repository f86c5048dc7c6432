package dev.citebot.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citebot.Citebot;
import dev.citebot.EngineUnavailableException;
import dev.citebot.TestCorpus;
import dev.citebot.answer.Answer;
import dev.citebot.cli.CliRun;
import dev.citebot.config.CitebotConfig;
import dev.citebot.index.ArticleInfo;
import dev.citebot.index.CorpusIndex;
import dev.citebot.index.Hit;
import dev.citebot.index.IndexStore;
import dev.citebot.index.IndexTerm;
import dev.citebot.index.PassageIndex;
import dev.citebot.index.TermStatistics;
import dev.citebot.ingest.ArticleReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The solr backend on the real in-JVM SolrCloud (2 nodes; collections of 2 shards with 2 replicas
 * each), against the local Lucene index of the same corpus.
 */
class SolrBackendTest {
  @TempDir static Path dir;
  static LocalSolrCloud cloud;
  static Path seeds;
  static Citebot local;
  static Citebot solr;

  @BeforeAll
  static void open() throws Exception {
    cloud = LocalSolrCloud.shared();
    seeds = TestCorpus.seeds(dir.resolve("seeds"));
    local = Citebot.open(TestCorpus.config(seeds, dir.resolve("data")), false, line -> {});
    solr = Citebot.open(solrConfig(seeds, "seeds"), false, line -> {});
  }

  @AfterAll
  static void close() throws Exception {
    if (local != null) {
      local.close();
    }
    if (solr != null) {
      solr.close();
    }
  }

  static Map<String, String> solrEnv(String collection) {
    return Map.of(
        "CITEBOT_INDEX_BACKEND", "solr",
        "CITEBOT_SOLR_URLS", String.join(",", cloud.urls()),
        "CITEBOT_SOLR_COLLECTION", collection,
        "CITEBOT_SOLR_SHARDS", "2",
        "CITEBOT_SOLR_REPLICAS", "2");
  }

  static CitebotConfig solrConfig(Path corpus, String collection) {
    return TestCorpus.config(corpus, dir.resolve("data-solr"), solrEnv(collection));
  }

  /** The seed questions of the eval set and of the benchmark. */
  static List<String> seedQuestions() throws IOException {
    List<String> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line :
        Files.readAllLines(Path.of("eval/unanswerable/seeds/questions.jsonl"), UTF8)) {
      if (!line.isBlank()) {
        out.add(json.readTree(line).get("question").asText());
      }
    }
    out.addAll(
        Files.readAllLines(Path.of("bench/seeds-questions.txt"), UTF8).stream()
            .filter(l -> !l.isBlank())
            .toList());
    return out;
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  @Test
  void theFirstCitationIsTheOneTheLocalIndexGives() throws Exception {
    List<String> questions = seedQuestions();
    List<String> differ = new ArrayList<>();
    for (String q : questions) {
      FirstCitation l = FirstCitation.of(local.ask(local.newConversation(), q));
      FirstCitation s = FirstCitation.of(solr.ask(solr.newConversation(), q));
      if (!l.equals(s)) {
        differ.add(q + ": local " + l + ", solr " + s);
      }
    }
    double agreement = 1 - differ.size() / (double) questions.size();
    System.out.printf(
        "solr vs local, seeds: first citation agrees for %d of %d questions (%.1f %%)%n",
        questions.size() - differ.size(), questions.size(), 100 * agreement);
    assertThat(agreement).as("differing: %s", differ).isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void sourcesAndShowReadTheCollection() throws Exception {
    assertThat(solr.sources()).isEqualTo(local.sources());
    ArticleInfo first = solr.sources().get(0);
    assertThat(solr.show(first.file(), 1, 3).lines())
        .isEqualTo(local.show(first.file(), 1, 3).lines());
    Answer a = solr.ask(solr.newConversation(), "Who invited Tô Lâm to visit the DPRK?");
    assertThat(a.grounded()).isTrue();
  }

  /**
   * Term statistics and BM25 scores are those of the whole collection, not of one shard: the same
   * numbers and the same rankings as the local index of the same articles.
   */
  @Test
  void termStatisticsAndScoresAreThoseOfTheLocalIndex() throws Exception {
    CitebotConfig config = solrConfig(seeds, "seeds");
    ArticleReader reader = new ArticleReader(config.ingest());
    try (PassageIndex lucene =
            CorpusIndex.open(seeds, dir.resolve("data"), reader, null, false, line -> {});
        IndexStore store = SolrIndexStore.open(config, reader, null, line -> {});
        PassageIndex cloudIndex = store.open(store.update(false, false).version())) {
      for (String q : seedQuestions()) {
        for (String language : List.of("vi", "en", "no", TermStatistics.ANY_LANGUAGE)) {
          List<IndexTerm> terms = lucene.terms(q, language);
          assertThat(cloudIndex.terms(q, language)).isEqualTo(terms);
          if (language.equals("vi") || language.equals(TermStatistics.ANY_LANGUAGE)) {
            cloudIndex.prefetch(terms, language); // counted in one request: the same numbers
          }
          for (IndexTerm t : terms) {
            assertThat(cloudIndex.passagesWith(t.text(), language))
                .as(t.text())
                .isEqualTo(lucene.passagesWith(t.text(), language));
            assertThat(cloudIndex.idf(t.text(), language))
                .isCloseTo(lucene.idf(t.text(), language), within(1e-9));
          }
        }
        assertSameHits(
            cloudIndex.searchFolded(q, 8, Set.of()), lucene.searchFolded(q, 8, Set.of()));
        for (String language : List.of("vi", "en", "no")) {
          assertSameHits(
              cloudIndex.searchLanguage(q, language, 8), lucene.searchLanguage(q, language, 8));
        }
      }
      assertThat(cloudIndex.documentFrequency("belarus", "vi"))
          .isEqualTo(lucene.documentFrequency("belarus", "vi"))
          .isPositive();
    }
  }

  /**
   * The same passages in the same order with the same scores, to the last bit of the float Lucene
   * scores in (equal scores in file and passage order, as in a freshly built local index).
   */
  private static void assertSameHits(List<Hit> solrHits, List<Hit> luceneHits) {
    assertThat(solrHits).isEqualTo(luceneHits);
  }

  @Test
  void anEditedAddedOrDeletedArticleIsIndexedAloneAndSeenWhole() throws Exception {
    Path corpus = TestCorpus.seeds(dir.resolve("edits"));
    List<String> console = new ArrayList<>();
    try (Citebot bot = Citebot.open(solrConfig(corpus, "edits"), false, console::add)) {
      assertThat(bot.sources()).hasSize(5);
      String question = "What colour is the zebra-striped lighthouse of Kvitøya?";
      assertThat(bot.ask(bot.newConversation(), question).grounded()).isFalse();

      Files.writeString(
          corpus.resolve("zz_lighthouse.txt"),
          "The lighthouse of Kvitøya\n\nThe zebra-striped lighthouse of Kvitøya is painted"
              + " green and white, and it was built in 1911.\n");
      Files.delete(corpus.resolve("003_600e93926c99760f.txt"));
      Path edited = corpus.resolve("000_7374b92905a51571.txt");
      Files.writeString(edited, Files.readString(edited) + "\nA line added at the end.\n");
      console.clear();
      assertThat(bot.refresh()).isTrue();
      assertThat(console)
          .anyMatch(l -> l.contains("1 added, 1 changed, 1 removed, 3 unchanged, 0 skipped"));
      assertThat(bot.sources())
          .extracting(ArticleInfo::file)
          .contains("zz_lighthouse.txt", "000_7374b92905a51571.txt")
          .doesNotContain("003_600e93926c99760f.txt");
      Answer a = bot.ask(bot.newConversation(), question);
      assertThat(a.grounded()).isTrue();
      assertThat(a.citations().get(0).file()).isEqualTo("zz_lighthouse.txt");

      console.clear();
      assertThat(bot.refresh()).isFalse(); // nothing changed: nothing written
      assertThat(console).isEmpty();
    }
    // Another citebot (a second replica) reads the same collection without indexing again.
    List<String> second = new ArrayList<>();
    try (Citebot replica = Citebot.open(solrConfig(corpus, "edits"), false, second::add)) {
      assertThat(second).noneMatch(l -> l.startsWith("Indexed"));
      assertThat(replica.sources()).extracting(ArticleInfo::file).contains("zz_lighthouse.txt");
    }
  }

  @Test
  void anyBotReplicaContinuesAChatAnotherOneAnswered() throws Exception {
    try (Citebot other = Citebot.open(solrConfig(seeds, "seeds"), false, line -> {})) {
      long chat = 4242;
      solr.conversation("telegram", chat).clear();
      Answer first = solr.ask(solr.conversation("telegram", chat), "Tô Lâm thăm Belarus khi nào?");
      assertThat(other.conversation("telegram", chat).turns())
          .singleElement()
          .satisfies(t -> assertThat(t.answer()).isEqualTo(first));
      Answer followUp = other.ask(other.conversation("telegram", chat), "Hva med Belarus?");
      assertThat(followUp.language()).isEqualTo(first.language());
      assertThat(solr.conversation("telegram", chat).turns()).hasSize(2);
      assertThat(solr.conversation("telegram", chat + 1).turns()).isEmpty();
      solr.conversation("telegram", chat).clear();
      assertThat(other.conversation("telegram", chat).turns()).isEmpty();
    }
  }

  @Test
  void questionsAreAnsweredWithOneOfTheTwoNodesStopped() throws Exception {
    String question = "When did Vietnam and the DPRK establish diplomatic relations?";
    FirstCitation expected = FirstCitation.of(local.ask(local.newConversation(), question));
    cloud.stopNode(1);
    try {
      Answer a = solr.ask(solr.newConversation(), question);
      assertThat(FirstCitation.of(a)).isEqualTo(expected);
      assertThat(solr.sources()).hasSize(5);
    } finally {
      cloud.restartNode(1);
      cloud.waitForAllActive();
    }
  }

  /**
   * The whole cluster down: a running engine says so in one sentence and answers once it is back.
   */
  @Test
  void aRunningEngineSaysTheIndexIsUnavailableUntilTheClusterIsBack() throws Exception {
    String question = "Who invited Tô Lâm to visit the DPRK?";
    FirstCitation expected = FirstCitation.of(solr.ask(solr.newConversation(), question));
    cloud.stopNode(0);
    cloud.stopNode(1);
    try {
      assertThatThrownBy(() -> solr.ask(solr.newConversation(), question + " Again?"))
          .isInstanceOf(EngineUnavailableException.class)
          .hasMessageStartingWith("The Solr cluster at ")
          .hasMessageContaining("cannot serve the collection seeds now");
      assertThat(solr.refresh()).isFalse(); // one warning line, the engine goes on
    } finally {
      cloud.restartNode(0);
      cloud.restartNode(1);
      cloud.waitForAllActive();
    }
    assertThat(FirstCitation.of(solr.ask(solr.newConversation(), question))).isEqualTo(expected);
  }

  @Test
  void withNoSolrNodeAnsweringTheCommandSaysSoInOneSentence() throws Exception {
    Map<String, String> env = new HashMap<>(solrEnv("seeds"));
    env.put("CITEBOT_SOLR_URLS", "http://127.0.0.1:" + closedPort() + "/solr");
    env.put("CITEBOT_CORPUS", seeds.toString());
    env.put("CITEBOT_INDEX_DIR", dir.resolve("nowhere").toString());
    CliRun run = CliRun.run(env, "", "ask", "Who invited Tô Lâm?");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.error()).startsWith("The Solr cluster at http://127.0.0.1:").contains("cannot");
  }

  private static int closedPort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
