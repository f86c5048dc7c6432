package dev.citebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path yaml(String text) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void defaultsComeFromTheBundledConfig() throws Exception {
    CitebotConfig c = new ConfigLoader(Map.of()).load(yaml(""));
    assertThat(c.corpus()).isEqualTo(Path.of("seeds"));
    assertThat(c.answer().mode()).isEqualTo(CitebotConfig.AnswerMode.EXTRACTIVE);
    assertThat(c.retrieve().vectors()).isFalse();
    assertThat(c.ingest().maxFileBytes()).isEqualTo(4L * 1024 * 1024);
    assertThat(c.llm().timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.telegram().apiUrl()).isEqualTo("https://api.telegram.org");
  }

  @Test
  void theIndexBackendAndSolrSettingsAreReadFromFileOrEnvironment() throws Exception {
    CitebotConfig local = new ConfigLoader(Map.of()).load(yaml(""));
    assertThat(local.solrBackend()).isFalse();
    assertThat(local.solr().collection()).isEqualTo("citebot");
    assertThat(local.solr().urls()).isEmpty();

    Path f =
        yaml(
            "index:\n  backend: solr\nsolr:\n  urls: [http://a:8983/solr, http://b:8983/solr]\n"
                + "  shards: 4\n");
    CitebotConfig fromFile = new ConfigLoader(Map.of()).load(f);
    assertThat(fromFile.solrBackend()).isTrue();
    assertThat(fromFile.solr())
        .isEqualTo(
            new CitebotConfig.Solr(
                List.of("http://a:8983/solr", "http://b:8983/solr"), "citebot", 4, 2));

    CitebotConfig fromEnv =
        new ConfigLoader(
                Map.of(
                    "CITEBOT_INDEX_BACKEND", "solr",
                    "CITEBOT_SOLR_URLS", "http://c:8983/solr, http://d:8983/solr",
                    "CITEBOT_SOLR_COLLECTION", "news",
                    "CITEBOT_SOLR_REPLICAS", "3"))
            .load(yaml(""));
    assertThat(fromEnv.solr())
        .isEqualTo(
            new CitebotConfig.Solr(
                List.of("http://c:8983/solr", "http://d:8983/solr"), "news", 2, 3));
  }

  @Test
  void aBadBackendOrASolrBackendWithoutUrlsIsOneSentence() throws Exception {
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("CITEBOT_INDEX_BACKEND", "elastic")).load(yaml("")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Setting index.backend must be 'lucene' or 'solr', not 'elastic'.");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("CITEBOT_INDEX_BACKEND", "solr")).load(yaml("")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Setting solr.urls (env CITEBOT_SOLR_URLS) must name");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("CITEBOT_SOLR_URLS", "solr1:8983")).load(yaml("")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Setting solr.urls must be a list of http(s) base URLs");
  }

  @Test
  void fileThenEnvironmentOverride() throws Exception {
    Path f =
        yaml("answer:\n  mode: llm\nllm:\n  timeout: 500ms\ntelegram:\n  allowed-users: [1, 2]\n");
    CitebotConfig c =
        new ConfigLoader(
                Map.of(
                    "CITEBOT_TELEGRAM_API_URL", "http://127.0.0.1:8081",
                    "CITEBOT_ANSWER_MODE", "extractive",
                    "CITEBOT_TELEGRAM_ALLOWED_CHATS", "5,-100123",
                    "TELEGRAM_BOT_TOKEN", "123:secret"))
            .load(f);
    assertThat(c.answer().mode()).isEqualTo(CitebotConfig.AnswerMode.EXTRACTIVE);
    assertThat(c.llm().timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.telegram().apiUrl()).isEqualTo("http://127.0.0.1:8081");
    assertThat(c.telegram().allowedUsers()).containsExactlyInAnyOrder(1L, 2L);
    assertThat(c.telegram().allowedChats()).containsExactlyInAnyOrder(5L, -100123L);
    assertThat(c.telegram().token()).isEqualTo("123:secret");
  }

  @Test
  void secretsNeverAppearInToString() throws Exception {
    CitebotConfig c =
        new ConfigLoader(Map.of("TELEGRAM_BOT_TOKEN", "123:secret", "CITEBOT_LLM_API_KEY", "sk-x"))
            .load(yaml(""));
    assertThat(c.toString()).doesNotContain("123:secret").doesNotContain("sk-x");
  }

  @Test
  void unknownKeyIsOneClearError() throws Exception {
    Path f = yaml("answer:\n  mdoe: llm\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Unknown setting 'answer.mdoe' in " + f + "; see config/citebot.yaml.");
  }

  @Test
  void badValuesAreOneClearError() throws Exception {
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("CITEBOT_RETRIEVE_TOP_K", "many")).load(yaml("")))
        .hasMessage("Setting retrieve.top-k must be a whole number from 1 to 100, not 'many'.");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("CITEBOT_LLM_TIMEOUT", "soon")).load(yaml("")))
        .hasMessageContaining("a duration such as 500ms");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("CITEBOT_ANSWER_MODE", "magic")).load(yaml("")))
        .hasMessage("Setting answer.mode must be 'extractive' or 'llm', not 'magic'.");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(yaml("answer: [1, 2\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Config file ");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("missing.yaml")))
        .hasMessageEndingWith("does not exist.");
    Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xe6});
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(latin1))
        .hasMessage("Config file " + latin1 + " is not UTF-8 text.");
  }

  @Test
  void anUnknownCitebotVariableIsOneClearError() throws Exception {
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of("CITEBOT_ANSWER_MODEX", "llm", "CITEBOT_CORPUS", "seeds"))
                    .load(yaml("")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Unknown environment variable CITEBOT_ANSWER_MODEX; every CITEBOT_* variable must"
                + " name a setting of config/citebot.yaml.");
    // Secrets are settings too; other programs' variables are none of our business.
    CitebotConfig c =
        new ConfigLoader(
                Map.of("CITEBOT_LLM_API_KEY", "sk-x", "CITEBOTX", "1", "TELEGRAM_BOT_TOKEN", "1:a"))
            .load(yaml(""));
    assertThat(c.llm().apiKey()).isEqualTo("sk-x");
  }

  @Test
  void sizesAndDurationsThatOverflowAreRefusedNotWrapped() throws Exception {
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of()).load(yaml("ingest:\n  max-file-size: 17179869184GB\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Setting ingest.max-file-size must be a size from 1B to 8589934591GB, such as 512KB"
                + " or 4MB, not '17179869184GB'.");
    for (String size : List.of("0", "0MB", "99999999999999999999", "9223372036854775807KB")) {
      assertThatThrownBy(
              () -> new ConfigLoader(Map.of("CITEBOT_INGEST_MAX_FILE_SIZE", size)).load(yaml("")))
          .as(size)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("Setting ingest.max-file-size must be a size");
    }
    assertThat(
            new ConfigLoader(Map.of("CITEBOT_INGEST_MAX_FILE_SIZE", "8589934591GB"))
                .load(yaml(""))
                .ingest()
                .maxFileBytes())
        .isEqualTo(8589934591L << 30);
    for (String duration : List.of("99999999999999999999s", "9223372036854775807h")) {
      assertThatThrownBy(
              () -> new ConfigLoader(Map.of("CITEBOT_LLM_TIMEOUT", duration)).load(yaml("")))
          .as(duration)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("Setting llm.timeout must be a duration");
    }
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of("CITEBOT_TELEGRAM_ALLOWED_USERS", "99999999999999999999"))
                    .load(yaml("")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new ConfigLoader(Map.of("CITEBOT_CORPUS", "a\0b")).load(yaml("")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Setting corpus must be a file or folder path, not 'a\0b'.");
  }

  @Test
  void webhookBindAndChatHistoryAreSettings() throws Exception {
    CitebotConfig defaults = new ConfigLoader(Map.of()).load(yaml(""));
    assertThat(defaults.telegram().webhookBind()).isEqualTo("127.0.0.1");
    assertThat(defaults.chat().historyFile()).isEqualTo(Path.of("data", "chat-history"));
    CitebotConfig off =
        new ConfigLoader(
                Map.of("CITEBOT_CHAT_HISTORY_FILE", "", "CITEBOT_TELEGRAM_WEBHOOK_BIND", "0.0.0.0"))
            .load(yaml(""));
    assertThat(off.chat().historyFile()).isNull();
    assertThat(off.telegram().webhookBind()).isEqualTo("0.0.0.0");
  }

  @Test
  void serverSettingsHaveDefaultsAndTheKeyIsNeverShown() throws Exception {
    CitebotConfig.Server defaults = new ConfigLoader(Map.of()).load(yaml("")).server();
    assertThat(defaults).isEqualTo(new CitebotConfig.Server(8080, "127.0.0.1", "", "", 30));
    CitebotConfig.Server set =
        new ConfigLoader(
                Map.of(
                    "CITEBOT_SERVER_API_KEY", "s3cret-key",
                    "CITEBOT_SERVER_PUBLIC_URL", "https://citebot.example.org/",
                    "CITEBOT_SERVER_PORT", "9000"))
            .load(yaml("server:\n  bind: 0.0.0.0\n"))
            .server();
    assertThat(set.publicUrl()).isEqualTo("https://citebot.example.org");
    assertThat(set.port()).isEqualTo(9000);
    assertThat(set.bind()).isEqualTo("0.0.0.0");
    assertThat(set.toString()).doesNotContain("s3cret-key").contains("apiKey=***");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of("CITEBOT_SERVER_PUBLIC_URL", "citebot.example.org"))
                    .load(yaml("")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Setting server.public-url must be an http or https URL such as"
                + " https://citebot.example.org, not 'citebot.example.org'.");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("CITEBOT_SERVER_PORT", "65536")).load(yaml("")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Setting server.port must be a whole number from 0 to 65535, not '65536'.");
  }

  @Test
  void indexRefreshIsADurationOrZeroForOff() throws Exception {
    assertThat(new ConfigLoader(Map.of()).load(yaml("")).indexRefresh())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(new ConfigLoader(Map.of("CITEBOT_INDEX_REFRESH", "0")).load(yaml("")).indexRefresh())
        .isZero();
    assertThat(new ConfigLoader(Map.of()).load(yaml("index:\n  refresh: 30s\n")).indexRefresh())
        .isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("CITEBOT_INDEX_REFRESH", "soon")).load(yaml("")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Setting index.refresh must be a duration such as 500ms, 20s or 2m, not 'soon'.");
  }
}
