package dev.citebot.server;

import static dev.citebot.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.api-key and the per-client rate limit, on a real server. */
class ApiAccessTest {
  static final String KEY = "k3y-for-tests";
  static final String ASK = "{\"question\": \"Who invited Tô Lâm to visit the DPRK?\"}";

  @TempDir Path dir;

  @Test
  void withAnApiKeyEveryApiRequestNeedsTheBearerHeader() throws Exception {
    try (ServerFixture api = ServerFixture.start(dir, Map.of("CITEBOT_SERVER_API_KEY", KEY))) {
      for (String[] auth :
          new String[][] {{}, {"Authorization", "Bearer wrong"}, {"Authorization", KEY}}) {
        HttpResponse<String> r = api.post("/api/ask", ASK, auth);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(r).path("error").asText())
            .isEqualTo("This API needs the header 'Authorization: Bearer KEY' (server.api-key).")
            .doesNotContain(KEY);
        assertThat(api.get("/api/sources", auth).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/show?file=x.txt", auth).statusCode()).isEqualTo(401);
      }
      assertThat(api.post("/api/ask", ASK, "Authorization", "Bearer " + KEY).statusCode())
          .isEqualTo(200);
      assertThat(api.get("/api/sources", "Authorization", "bearer " + KEY).statusCode())
          .isEqualTo(200);
      // The page, its description and the health check are open: the page asks for the key.
      assertThat(api.get("/").statusCode()).isEqualTo(200);
      assertThat(api.get("/api/health").statusCode()).isEqualTo(200);
      assertThat(api.get("/api/openapi.json").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aClientOverTheRateLimitGets429WithRetryAfter() throws Exception {
    try (ServerFixture api =
        ServerFixture.start(dir, Map.of("CITEBOT_SERVER_RATE_LIMIT_PER_MINUTE", "2"))) {
      assertThat(api.post("/api/ask", ASK).statusCode()).isEqualTo(200);
      assertThat(api.post("/api/ask", ASK).statusCode()).isEqualTo(200);
      HttpResponse<String> r = api.post("/api/ask", ASK);
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, 60L);
      assertThat(json(r).path("error").asText()).startsWith("Too many questions from this address");
      // Reading is not rate limited; asking is.
      assertThat(api.get("/api/sources").statusCode()).isEqualTo(200);
    }
  }
}
