package dev.citebot.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads settings in three layers: the defaults (the bundled copy of config/citebot.yaml), the
 * user's YAML file, then environment variables. Every key must be one the defaults know, so a typo
 * is an error instead of a silently ignored setting.
 */
public final class ConfigLoader {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

  /**
   * Every environment variable with this prefix must override a setting (a typo such as
   * CITEBOT_ANSWER_MODEX stops with one sentence, as a typo in the file does). There are no
   * exceptions: secrets too are settings (CITEBOT_LLM_API_KEY is llm.api-key); the bot token's
   * other name, TELEGRAM_BOT_TOKEN, does not start with the prefix.
   */
  static final String ENV_PREFIX = "CITEBOT_";

  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * Loads the configuration. {@code file} may be null: then config/citebot.yaml in the working
   * folder is read when present.
   */
  public CitebotConfig load(Path file) {
    Map<String, String> values = flatten(readDefaults());
    Path userFile = file;
    if (userFile == null && Files.isRegularFile(Path.of("config", "citebot.yaml"))) {
      userFile = Path.of("config", "citebot.yaml");
    } else if (userFile != null && !Files.isRegularFile(userFile)) {
      throw new ConfigException("Config file " + userFile + " does not exist.");
    }
    if (userFile != null) {
      for (Map.Entry<String, String> e : flatten(readFile(userFile)).entrySet()) {
        if (!values.containsKey(e.getKey())) {
          throw new ConfigException(
              "Unknown setting '" + e.getKey() + "' in " + userFile + "; see config/citebot.yaml.");
        }
        values.put(e.getKey(), e.getValue());
      }
    }
    Map<String, String> byEnvName = new LinkedHashMap<>();
    for (String key : values.keySet()) {
      byEnvName.put(envName(key), key);
    }
    // Sorted, so that with several unknown variables the same one is named on every run.
    for (String name : new TreeSet<>(env.keySet())) {
      if (name.startsWith(ENV_PREFIX) && !byEnvName.containsKey(name)) {
        throw new ConfigException(
            "Unknown environment variable "
                + name
                + "; every "
                + ENV_PREFIX
                + "* variable must name a setting of config/citebot.yaml.");
      }
    }
    for (Map.Entry<String, String> e : byEnvName.entrySet()) {
      String value = env.get(e.getKey());
      if (value != null) {
        values.put(e.getValue(), value);
      }
    }
    String token = env.get("TELEGRAM_BOT_TOKEN");
    if (token != null && !token.isBlank() && env.get(envName("telegram.token")) == null) {
      values.put("telegram.token", token);
    }
    return build(new Values(values));
  }

  /**
   * The environment variable that overrides {@code key}: telegram.api-url ->
   * CITEBOT_TELEGRAM_API_URL.
   */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static CitebotConfig.AnswerMode answerMode(String value) {
    for (CitebotConfig.AnswerMode m : CitebotConfig.AnswerMode.values()) {
      if (m.configName().equals(value)) {
        return m;
      }
    }
    throw new ConfigException(
        "Setting answer.mode must be 'extractive' or 'llm', not '" + value + "'.");
  }

  private static CitebotConfig build(Values v) {
    CitebotConfig.AnswerMode mode = answerMode(v.text("answer.mode"));
    String backend = v.text("index.backend");
    if (!backend.equals("lucene") && !backend.equals("solr")) {
      throw new ConfigException(
          "Setting index.backend must be 'lucene' or 'solr', not '" + backend + "'.");
    }
    List<String> solrUrls = v.list("solr.urls");
    if (backend.equals("solr") && solrUrls.isEmpty()) {
      throw new ConfigException(
          "Setting solr.urls (env CITEBOT_SOLR_URLS) must name at least one Solr base URL when"
              + " index.backend is solr.");
    }
    for (String url : solrUrls) {
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw v.bad("solr.urls", "a list of http(s) base URLs such as http://solr1:8983/solr");
      }
    }
    return new CitebotConfig(
        v.path("corpus"),
        v.path("index.dir"),
        v.text("index.refresh").equals("0") ? Duration.ZERO : v.duration("index.refresh"),
        backend,
        new CitebotConfig.Solr(
            solrUrls,
            v.nonEmpty("solr.collection", "a collection name such as citebot"),
            v.integer("solr.shards", 1, 1024),
            v.integer("solr.replicas", 1, 100)),
        new CitebotConfig.Ingest(
            v.size("ingest.max-file-size"),
            v.integer("ingest.passage-chars", 100, 10_000),
            v.integer("ingest.passage-overlap", 0, 5)),
        new CitebotConfig.Retrieve(
            v.integer("retrieve.top-k", 1, 100),
            v.bool("retrieve.vectors"),
            v.integer("retrieve.rrf-k", 1, 1000)),
        new CitebotConfig.Answer(
            mode,
            v.integer("answer.max-chars", 50, 10_000),
            v.text("answer.model"),
            v.integer("answer.max-question-chars", 10, 1_000_000),
            v.integer("answer.memory-turns", 0, 100)),
        new CitebotConfig.Llm(
            v.text("llm.base-url"),
            v.text("llm.model"),
            v.text("llm.api-key"),
            v.duration("llm.timeout"),
            v.decimal("llm.temperature", 0, 2),
            v.integer("llm.max-tokens", 1, 100_000)),
        new CitebotConfig.Telegram(
            v.text("telegram.token"),
            v.text("telegram.api-url"),
            v.ids("telegram.allowed-chats"),
            v.ids("telegram.allowed-users"),
            v.integer("telegram.rate-limit-per-minute", 1, 10_000),
            v.integer("telegram.max-question-chars", 10, 4096),
            v.text("telegram.webhook.url"),
            v.integer("telegram.webhook.port", 1, 65535),
            v.text("telegram.webhook.secret"),
            v.nonEmpty("telegram.webhook.bind", "an address such as 127.0.0.1 or 0.0.0.0")),
        new CitebotConfig.Chat(
            v.text("chat.history-file").isEmpty() ? null : v.path("chat.history-file")),
        new CitebotConfig.Server(
            v.integer("server.port", 0, 65535),
            v.nonEmpty("server.bind", "an address such as 127.0.0.1 or 0.0.0.0"),
            v.text("server.api-key"),
            publicUrl(v),
            v.integer("server.rate-limit-per-minute", 1, 1_000_000)));
  }

  /** server.public-url: empty, or an http(s) URL without a trailing slash. */
  private static String publicUrl(Values v) {
    String url = v.text("server.public-url");
    if (url.isEmpty()) {
      return url;
    }
    if (!url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
      throw v.bad("server.public-url", "an http or https URL such as https://citebot.example.org");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static Object readDefaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/citebot.yaml")) {
      if (in == null) {
        throw new IllegalStateException("citebot.yaml is missing from the jar");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object readFile(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object tree = parse(in);
      if (tree == null) {
        return Map.of();
      }
      if (!(tree instanceof Map)) {
        throw new ConfigException("Config file " + file + " must be a YAML mapping of settings.");
      }
      return tree;
    } catch (IOException e) {
      throw new ConfigException(
          "Config file "
              + file
              + (notUtf8(e) ? " is not UTF-8 text." : " is not valid YAML: " + firstLine(e) + "."));
    }
  }

  /** Whether decoding failed, however deep the parser wrapped it. */
  private static boolean notUtf8(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CharacterCodingException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads YAML with Jackson's streaming parser into maps, lists and text. Databind would do the
   * same, but loads some 400 classes: a third of a second of every one-shot command.
   */
  private static Object parse(Reader in) throws IOException {
    try (JsonParser p = YAML.createParser(in)) {
      return p.nextToken() == null ? null : value(p);
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Object> map = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        map.put(key, value(p));
      }
      return map;
    }
    if (t == JsonToken.START_ARRAY) {
      List<Object> list = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        list.add(value(p));
      }
      return list;
    }
    return t == JsonToken.VALUE_NULL ? null : p.getText();
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }

  /** Nested mappings become dotted keys; lists become comma-separated text. */
  private static Map<String, String> flatten(Object root) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", root, out);
    return out;
  }

  private static void flatten(String prefix, Object node, Map<String, String> out) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        flatten(prefix.isEmpty() ? key : prefix + "." + key, e.getValue(), out);
      }
    } else if (node instanceof List<?> list) {
      StringBuilder sb = new StringBuilder();
      for (Object item : list) {
        sb.append(sb.isEmpty() ? "" : ",").append(item);
      }
      out.put(prefix, sb.toString());
    } else {
      out.put(prefix, node == null ? "" : String.valueOf(node));
    }
  }

  /** Typed access to the flattened values, with one clear error per bad value. */
  private record Values(Map<String, String> raw) {
    String text(String key) {
      return raw.get(key).strip();
    }

    Path path(String key) {
      try {
        return Path.of(text(key));
      } catch (java.nio.file.InvalidPathException e) {
        throw bad(key, "a file or folder path");
      }
    }

    String nonEmpty(String key, String expected) {
      if (text(key).isEmpty()) {
        throw bad(key, expected);
      }
      return text(key);
    }

    ConfigException bad(String key, String expected) {
      String shown =
          key.contains("token") || key.contains("key") || key.contains("secret")
              ? "(hidden)"
              : "'" + text(key) + "'";
      return new ConfigException(
          "Setting " + key + " must be " + expected + ", not " + shown + ".");
    }

    int integer(String key, int min, int max) {
      try {
        int n = Integer.parseInt(text(key));
        if (n < min || n > max) {
          throw bad(key, "a whole number from " + min + " to " + max);
        }
        return n;
      } catch (NumberFormatException e) {
        throw bad(key, "a whole number from " + min + " to " + max);
      }
    }

    double decimal(String key, double min, double max) {
      try {
        double d = Double.parseDouble(text(key));
        if (!(d >= min && d <= max)) {
          throw bad(key, "a number from " + min + " to " + max);
        }
        return d;
      } catch (NumberFormatException e) {
        throw bad(key, "a number from " + min + " to " + max);
      }
    }

    boolean bool(String key) {
      return switch (text(key).toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> true;
        case "false", "no", "off" -> false;
        default -> throw bad(key, "true or false");
      };
    }

    /**
     * A duration; numbers too large for a Duration (or for a long) are refused rather than wrapped
     * around, so a typo never becomes a negative or zero timeout.
     */
    Duration duration(String key) {
      Matcher m = DURATION.matcher(text(key));
      String expected = "a duration such as 500ms, 20s or 2m";
      if (!m.matches()) {
        throw bad(key, expected);
      }
      try {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      } catch (NumberFormatException | ArithmeticException e) {
        throw bad(key, expected);
      }
    }

    /**
     * A size in bytes, from 1 byte up; a value whose bytes do not fit a long (17179869184GB) is
     * refused rather than wrapped around to 0, which would skip every article.
     */
    long size(String key) {
      Matcher m = SIZE.matcher(text(key));
      String expected = "a size from 1B to 8589934591GB, such as 512KB or 4MB";
      if (!m.matches()) {
        throw bad(key, expected);
      }
      String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
      long factor =
          switch (unit) {
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            default -> 1L;
          };
      try {
        long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        if (bytes < 1) {
          throw bad(key, expected);
        }
        return bytes;
      } catch (NumberFormatException | ArithmeticException e) {
        throw bad(key, expected);
      }
    }

    /** A comma-separated list (a YAML list is flattened to one); blanks are left out. */
    List<String> list(String key) {
      List<String> out = new ArrayList<>();
      for (String part : text(key).split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      return List.copyOf(out);
    }

    Set<Long> ids(String key) {
      Set<Long> out = new LinkedHashSet<>();
      for (String part : text(key).split(",")) {
        if (!part.isBlank()) {
          try {
            out.add(Long.parseLong(part.strip()));
          } catch (NumberFormatException e) {
            throw bad(key, "a list of numeric Telegram ids");
          }
        }
      }
      return Set.copyOf(out);
    }
  }
}
