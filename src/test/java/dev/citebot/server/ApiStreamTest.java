package dev.citebot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.citebot.answer.OpenAiStub;
import dev.citebot.http.BoundedHttpServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/ask?stream=true} in llm mode: the real LangChain4j client on the OpenAI stub,
 * read as server-sent events by the JDK's HttpClient.
 */
class ApiStreamTest {
  static final String QUESTION =
      "Việt Nam và Triều Tiên đã ký những văn kiện hợp tác nào tại Bình Nhưỡng?";
  static final String SIGNED = "000_7374b92905a51571.txt";

  @TempDir Path dir;

  record Event(String name, JsonNode data) {}

  @Test
  void theModelsTextStreamsThenTheCheckedRecordFollows() throws Exception {
    try (OpenAiStub stub = new OpenAiStub()) {
      stub.answer(
          r ->
              r.isRewrite()
                  ? OpenAiStub.standaloneAsIs(QUESTION)
                  : OpenAiStub.text(
                      "Hai bên đã ký Thỏa thuận hợp tác giữa Bộ Ngoại giao hai nước ["
                          + Math.max(1, r.passageOf(SIGNED))
                          + "]."));
      Map<String, String> env =
          Map.of(
              "CITEBOT_ANSWER_MODE", "llm",
              "CITEBOT_LLM_BASE_URL", stub.baseUrl(),
              "CITEBOT_LLM_TIMEOUT", "10s");
      try (ServerFixture api = ServerFixture.start(dir, env)) {
        String body = ServerFixture.JSON.createObjectNode().put("question", QUESTION).toString();
        HttpResponse<java.util.stream.Stream<String>> r =
            api.http.send(
                HttpRequest.newBuilder(api.uri("/api/ask?stream=true"))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
            .startsWith("text/event-stream");
        List<Event> events = events(r.body().toList());
        Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("answer");
        List<Event> texts = events.subList(0, events.size() - 1);
        assertThat(texts).isNotEmpty().allMatch(e -> e.name().equals("text"));
        StringBuilder streamed = new StringBuilder();
        texts.forEach(e -> streamed.append(e.data().path("text").asText()));
        assertThat(streamed.toString()).startsWith("Hai bên đã ký");

        JsonNode record = last.data();
        assertThat(record.path("mode").asText()).isEqualTo("llm");
        assertThat(record.path("answer").asText())
            .isEqualTo("Hai bên đã ký Thỏa thuận hợp tác giữa Bộ Ngoại giao hai nước [1].");
        assertThat(record.path("citations").get(0).path("file").asText()).isEqualTo(SIGNED);
        assertThat(record.path("conversation").asText()).matches("[0-9a-f]{16}");

        // Without stream=true: the same checked record, as one JSON object.
        JsonNode whole = api.ask(QUESTION, null);
        assertThat(ApiTest.comparable(whole)).isEqualTo(ApiTest.comparable(record));
      }
    }
  }

  /**
   * The response deadline counts the time to answer on top of its own (README: llm.timeout + 60 s):
   * a model that takes longer than the bare deadline still gets its answer to the client.
   */
  @Test
  void aSlowModelsAnswerIsNotCutOffByTheResponseDeadline() throws Exception {
    try (OpenAiStub stub = new OpenAiStub()) {
      stub.answer(
          r -> {
            if (r.isRewrite()) {
              return OpenAiStub.standaloneAsIs(QUESTION);
            }
            try {
              Thread.sleep(2_500); // longer than the 1 s response deadline below
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return OpenAiStub.text(
                "Hai bên đã ký Thỏa thuận hợp tác giữa Bộ Ngoại giao hai nước ["
                    + Math.max(1, r.passageOf(SIGNED))
                    + "].");
          });
      Map<String, String> env =
          Map.of(
              "CITEBOT_ANSWER_MODE", "llm",
              "CITEBOT_LLM_BASE_URL", stub.baseUrl(),
              "CITEBOT_LLM_TIMEOUT", "10s");
      var settings =
          new WebServer.Settings(
              new BoundedHttpServer.Limits(
                  8,
                  8,
                  Duration.ofSeconds(10),
                  Duration.ofSeconds(1),
                  16 * 1024,
                  WebServer.MAX_BODY_BYTES),
              4,
              Duration.ofSeconds(5));
      try (ServerFixture api = ServerFixture.start(dir, env, settings)) {
        JsonNode record = api.ask(QUESTION, null);
        assertThat(record.path("mode").asText()).isEqualTo("llm");
        assertThat(record.path("answer").asText()).startsWith("Hai bên đã ký");
      }
    }
  }

  static List<Event> events(List<String> lines) throws Exception {
    List<Event> out = new ArrayList<>();
    String name = null;
    for (String line : lines) {
      if (line.startsWith("event: ")) {
        name = line.substring(7);
      } else if (line.startsWith("data: ")) {
        out.add(new Event(name, ServerFixture.JSON.readTree(line.substring(6))));
      }
    }
    return out;
  }
}
