package dev.citebot.server;

import static dev.citebot.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps /api/openapi.json true: it describes exactly the routes the server has, every response the
 * server gives matches the schema described for its status, and every status the server gives is
 * described.
 */
class OpenApiTest {
  @TempDir static Path dir;
  static ServerFixture api;
  static JsonNode doc;

  @BeforeAll
  static void start() throws Exception {
    api = ServerFixture.start(dir, Map.of("CITEBOT_SERVER_RATE_LIMIT_PER_MINUTE", "3"));
    doc = json(api.get("/api/openapi.json"));
  }

  @AfterAll
  static void stop() throws IOException {
    api.close();
  }

  @Test
  void itDescribesExactlyTheRoutesTheServerHas() {
    Map<String, String> described = new HashMap<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            p -> {
              List<String> methods = new ArrayList<>();
              p.getValue()
                  .fieldNames()
                  .forEachRemaining(m -> methods.add(m.toUpperCase(Locale.ROOT)));
              assertThat(methods).as(p.getKey()).hasSize(1);
              described.put(p.getKey(), methods.get(0));
            });
    assertThat(described).isEqualTo(HttpApi.ROUTES);
  }

  @Test
  void everyResponseMatchesItsDescription() {
    String file = "003_600e93926c99760f.txt";
    check(
        "/api/ask",
        api.post("/api/ask", "{\"question\": \"Who invited Tô Lâm to visit the DPRK?\"}"));
    check("/api/ask", api.post("/api/ask", "{\"question\": \"What is the population of Mars?\"}"));
    check("/api/ask", api.post("/api/ask", "{\"question\": \"\"}"));
    check("/api/ask", api.post("/api/ask", "{"));
    check("/api/ask", api.post("/api/ask", "{\"question\": \"" + "x".repeat(70_000) + "\"}"));
    HttpResponse<String> limited;
    do {
      limited = api.post("/api/ask", "{\"question\": \"Who is Tô Lâm?\"}");
      check("/api/ask", limited);
    } while (limited.statusCode() == 200);
    assertThat(limited.statusCode()).isEqualTo(429);
    check("/api/sources", api.get("/api/sources"));
    check("/api/show", api.get("/api/show?file=" + file + "&from=9&to=9"));
    check("/api/show", api.get("/api/show?file=" + file));
    check("/api/show", api.get("/api/show?file=../x.txt"));
    check("/api/show", api.get("/api/show?file=" + file + "&from=nine"));
    check("/api/health", api.get("/api/health"));
    check("/api/openapi.json", api.get("/api/openapi.json"));
  }

  /** The response's status is described for {@code path}, and its body matches the schema. */
  static void check(String path, HttpResponse<String> response) {
    String method = HttpApi.ROUTES.get(path).toLowerCase(Locale.ROOT);
    JsonNode described =
        doc.path("paths")
            .path(path)
            .path(method)
            .path("responses")
            .path(String.valueOf(response.statusCode()));
    assertThat(described.isMissingNode())
        .as("%s %s answered %d, which is not described", method, path, response.statusCode())
        .isFalse();
    JsonNode schema = resolve(described).path("content").path("application/json").path("schema");
    assertThat(schema.isMissingNode())
        .as("%s %d has a JSON schema", path, response.statusCode())
        .isFalse();
    List<String> problems = new ArrayList<>();
    validate(json(response), schema, "$", problems);
    assertThat(problems).as("%s %d: %s", path, response.statusCode(), response.body()).isEmpty();
  }

  static JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      JsonNode at = doc;
      for (String part : node.path("$ref").asText().substring(2).split("/")) {
        at = at.path(part);
      }
      assertThat(at.isMissingNode()).as(node.path("$ref").asText()).isFalse();
      node = at;
    }
    return node;
  }

  /** The subset of JSON Schema the description uses: types, required, properties, items, enum. */
  static void validate(JsonNode value, JsonNode schema, String where, List<String> problems) {
    schema = resolve(schema);
    String type = schema.path("type").asText("");
    boolean ok =
        switch (type) {
          case "object" -> value.isObject();
          case "array" -> value.isArray();
          case "string" ->
              value.isTextual() || (value.isNull() && schema.path("nullable").asBoolean());
          case "integer" -> value.isIntegralNumber();
          case "number" -> value.isNumber();
          case "boolean" -> value.isBoolean();
          default -> true;
        };
    if (!ok) {
      problems.add(where + " is not a " + type);
      return;
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode e : schema.path("enum")) {
        listed |= e.equals(value);
      }
      if (!listed) {
        problems.add(where + " is not one of " + schema.path("enum"));
      }
    }
    if (schema.has("pattern")
        && value.isTextual()
        && !value.asText().matches(schema.path("pattern").asText())) {
      problems.add(where + " does not match " + schema.path("pattern").asText());
    }
    if (value.isObject()) {
      for (JsonNode r : schema.path("required")) {
        if (!value.has(r.asText())) {
          problems.add(where + " lacks " + r.asText());
        }
      }
      JsonNode properties = schema.path("properties");
      if (!properties.isMissingNode()) {
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
          String name = it.next();
          if (!properties.has(name)) {
            problems.add(where + "." + name + " is not described");
          } else {
            validate(value.path(name), properties.path(name), where + "." + name, problems);
          }
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        validate(value.get(i), schema.path("items"), where + "[" + i + "]", problems);
      }
    }
  }
}
