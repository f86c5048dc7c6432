package dev.citebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    assertThat(c.answer().mode()).isEqualTo("extractive");
    assertThat(c.retrieve().vectors()).isFalse();
    assertThat(c.ingest().maxFileBytes()).isEqualTo(4L * 1024 * 1024);
    assertThat(c.llm().timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.telegram().apiUrl()).isEqualTo("https://api.telegram.org");
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
    assertThat(c.answer().mode()).isEqualTo("extractive");
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
