package dev.citebot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.citebot.solr.LocalSolrCloud;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code citebot serve} replicas on the solr backend (the shared in-JVM SolrCloud), as behind a
 * load balancer without sticky sessions: a follow-up sent to the other replica continues the
 * conversation.
 */
class ServeSolrTest {
  @TempDir Path dir;

  /** Settings for the solr backend on the shared in-JVM cluster, in {@code collection}. */
  private static Map<String, String> solr(String collection) throws Exception {
    return Map.of(
        "CITEBOT_INDEX_BACKEND",
        "solr",
        "CITEBOT_SOLR_URLS",
        String.join(",", LocalSolrCloud.shared().urls()),
        "CITEBOT_SOLR_COLLECTION",
        collection);
  }

  @Test
  void theOtherReplicaContinuesAConversation() throws Exception {
    Map<String, String> env = solr("serve");
    try (ServerFixture first = ServerFixture.start(dir.resolve("first"), env);
        ServerFixture second = ServerFixture.start(dir.resolve("second"), env)) {
      JsonNode question = first.ask("Tô Lâm thăm Belarus khi nào?", null);
      String id = question.path("conversation").asText();

      JsonNode followUp = second.ask("Hva med Belarus?", id);
      JsonNode alone = second.ask("Hva med Belarus?", null);

      assertThat(followUp.path("conversation").asText()).isEqualTo(id);
      // Asked alone the few words read as Norwegian; in the conversation, as its Vietnamese.
      assertThat(followUp.path("language").asText()).isEqualTo("vi");
      assertThat(alone.path("language").asText()).isNotEqualTo("vi");
      assertThat(alone.path("conversation").asText()).isNotEqualTo(id);
    }
  }

  @Test
  void withTheClusterDownAskSays503AndAnswersWhenItIsBack() throws Exception {
    LocalSolrCloud cloud = LocalSolrCloud.shared();
    Map<String, String> env = solr("serve_down");
    String question = "Who invited Tô Lâm to visit the DPRK?";
    try (ServerFixture server = ServerFixture.start(dir, env)) {
      server.ask(question, null);
      for (int i = 0; i < cloud.nodes(); i++) {
        cloud.stopNode(i);
      }
      HttpResponse<String> down;
      HttpResponse<String> health;
      try {
        down = server.post("/api/ask", "{\"question\": \"" + question + "\"}");
        health = server.get("/api/health");
      } finally {
        for (int i = 0; i < cloud.nodes(); i++) {
          cloud.restartNode(i);
        }
        cloud.waitForAllActive();
      }
      // As README says: 503 when the index cannot be read, in one sentence (not 500, "a bug").
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(ServerFixture.json(down).path("error").asText()).endsWith("try again shortly.");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(503); // the balancer looks away
      assertThat(server.ask(question, null).path("answer").asText()).isNotEmpty();
    }
  }
}
