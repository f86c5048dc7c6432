package dev.citebot.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.citebot.ArticleChangedException;
import dev.citebot.Citebot;
import dev.citebot.EngineUnavailableException;
import dev.citebot.Excerpt;
import dev.citebot.http.BoundedHttpServer;
import dev.citebot.http.Exchange;
import dev.citebot.http.HttpRequestReader;
import dev.citebot.index.ArticleInfo;
import dev.citebot.index.IndexDamagedException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests to the endpoints of the API and to the web page's files. Every error is {@code
 * {"error": "One sentence."}} with its status. Described in {@code /api/openapi.json}
 * (src/main/resources/web/openapi.json), which {@code OpenApiTest} holds to these routes.
 */
final class HttpApi implements BoundedHttpServer.Handler {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the browser may do with our pages: only our own scripts, styles and requests, no frames.
   * Article text is put into the page as text, never as HTML; this is the second line.
   */
  private static final String PAGE_HEADERS =
      "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self';"
          + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'\r\nReferrer-Policy: no-referrer\r\nCache-Control: no-cache\r\n";

  /**
   * Every path served and the method it takes; the page's files are GET too. {@code OpenApiTest}
   * holds /api/openapi.json to this list.
   */
  static final Map<String, String> ROUTES =
      Map.of(
          "/api/ask", "POST",
          "/api/sources", "GET",
          "/api/show", "GET",
          "/api/health", "GET",
          "/api/openapi.json", "GET");

  /** The index cannot be read now (the Solr cluster is down); its details go to the log. */
  static final String UNAVAILABLE = "The articles cannot be searched right now; try again shortly.";

  private final Citebot engine;
  private final AskEndpoint ask;
  private final ApiKey key;
  private final StaticFiles files = new StaticFiles();
  private volatile boolean closing;

  HttpApi(Citebot engine, AskEndpoint ask, ApiKey key) {
    this.engine = engine;
    this.ask = ask;
    this.key = key;
  }

  /** From now on /api/health says 503, so a load balancer stops sending. */
  void closing() {
    closing = true;
  }

  @Override
  public void handle(Exchange exchange) throws IOException, HttpRequestReader.Refused {
    try {
      route(exchange);
    } catch (ApiRefusal r) {
      String extra = r.retryAfterSeconds > 0 ? "Retry-After: " + r.retryAfterSeconds + "\r\n" : "";
      if (r.status == 401) {
        extra += "WWW-Authenticate: Bearer\r\n";
      } else if (r.status == 405) {
        extra += "Allow: " + allowed(exchange.head().path()) + "\r\n";
      }
      exchange.sendRaw(JsonResponses.response(r.status, r.getMessage(), extra));
    }
  }

  private void route(Exchange exchange) throws IOException, HttpRequestReader.Refused, ApiRefusal {
    HttpRequestReader.Head head = exchange.head();
    String path = head.path();
    String method = head.method();
    String allowed = allowed(path);
    if (allowed == null) {
      throw new ApiRefusal(404, "There is nothing at " + printable(path) + ".");
    }
    if (!allowed.equals(method)) {
      throw new ApiRefusal(405, "Use " + allowed + " for " + path + ".");
    }
    StaticFiles.File file = files.get(path);
    if (file != null) {
      exchange.send(
          200,
          file.contentType(),
          file.bytes(),
          path.equals("/api/openapi.json") ? "Cache-Control: no-cache\r\n" : PAGE_HEADERS);
      return;
    }
    try {
      if (path.equals("/api/health")) { // open to load balancers: no key
        health(exchange);
        return;
      }
      key.check(head);
      Query query = Query.of(head.target());
      switch (path) {
        case "/api/ask" -> ask.handle(exchange, "true".equals(query.get("stream")));
        case "/api/sources" -> sources(exchange);
        case "/api/show" -> show(exchange, query);
        default -> throw new IllegalStateException("no route for " + path);
      }
    } catch (IndexDamagedException e) {
      throw new ApiRefusal(503, e.getMessage());
    } catch (EngineUnavailableException e) {
      log.warn(e.getMessage());
      throw new ApiRefusal(503, UNAVAILABLE);
    } catch (UncheckedIOException e) { // the index could not be read (a failing disk)
      throw new ApiRefusal(503, "The index could not be read; try again shortly.");
    }
  }

  /** The methods {@code path} takes, or null when there is nothing at it. */
  private String allowed(String path) {
    String method = ROUTES.get(path);
    return method == null && files.get(path) != null ? "GET" : method;
  }

  private void health(Exchange exchange) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("status", closing ? "closing" : "ok");
    o.put("articles", engine.sources().size());
    o.put("mode", engine.config().answer().mode().configName());
    engine.indexFailure().ifPresent(f -> o.put("warning", f));
    send(exchange, closing ? 503 : 200, o);
  }

  private void sources(Exchange exchange) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode list = o.putArray("articles");
    for (ArticleInfo a : engine.sources()) {
      list.add(JSON.valueToTree(a));
    }
    send(exchange, 200, o);
  }

  private void show(Exchange exchange, Query query) throws IOException, ApiRefusal {
    String file = query.get("file");
    if (file == null || file.isEmpty()) {
      throw new ApiRefusal(400, "Say which article: /api/show?file=NAME&from=A&to=B.");
    }
    int from = query.line("from", 1);
    int to = query.line("to", Integer.MAX_VALUE);
    Excerpt excerpt;
    try {
      excerpt = engine.show(file, from, to);
    } catch (ArticleChangedException e) {
      throw new ApiRefusal(409, e.getMessage());
    } catch (FileNotFoundException e) {
      // Names outside the corpus ("../../etc/passwd", absolute paths) are no article of it.
      throw new ApiRefusal(404, e.getMessage());
    } catch (IOException e) { // its message may hold a path of this machine: not for the client
      throw new ApiRefusal(500, "The article " + file + " could not be read.");
    }
    ArticleInfo a = excerpt.article();
    ObjectNode o = JSON.createObjectNode();
    o.put("file", a.file());
    o.put("title", a.title());
    o.put("sourceUrl", a.sourceUrl());
    o.put("language", a.language());
    o.put("date", a.date());
    o.put("from", excerpt.from());
    o.put("to", excerpt.to());
    ArrayNode lines = o.putArray("lines");
    excerpt.lines().forEach(lines::add);
    send(exchange, 200, o);
  }

  private static void send(Exchange exchange, int status, Object tree) throws IOException {
    exchange.send(
        status, JsonResponses.JSON, JsonResponses.bytes(tree), "Cache-Control: no-store\r\n");
  }

  /** A request path as it may be quoted back: short, without control characters. */
  private static String printable(String path) {
    String p = path.replaceAll("\\p{Cntrl}", "?");
    return p.length() > 80 ? p.substring(0, 80) + "…" : p;
  }
}
