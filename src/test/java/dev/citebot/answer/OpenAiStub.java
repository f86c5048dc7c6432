package dev.citebot.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local OpenAI-compatible chat server for tests (JDK HttpServer on 127.0.0.1, a free port): it
 * records every POST .../chat/completions and answers with what the test's handler says, as one
 * JSON completion or, when the request asks for {@code "stream": true}, as server-sent events. It
 * also knows how many streams are open and when a client closed one before its end.
 */
public final class OpenAiStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  public record Request(String path, Map<String, String> headers, JsonNode body) {
    boolean stream() {
      return body.path("stream").asBoolean(false);
    }

    String system() {
      return content("system");
    }

    String user() {
      return content("user");
    }

    /** The query-rewriting call (as opposed to the answering call). */
    public boolean isRewrite() {
      return system().contains("search queries");
    }

    /** The text between {@code <tag>} and {@code </tag>} in the user message. */
    public String tagged(String tag) {
      String u = user();
      int from = u.indexOf("<" + tag + ">\n");
      if (from < 0) {
        return "";
      }
      from += tag.length() + 3;
      int to = u.indexOf("</" + tag + ">", from);
      return to < 0 ? "" : u.substring(from, to).strip();
    }

    /** The n="..." of the first passage whose file is {@code file}, or -1. */
    public int passageOf(String file) {
      var m =
          java.util.regex.Pattern.compile(
                  "<passage n=\"(\\d+)\" file=\"" + java.util.regex.Pattern.quote(file) + "\"")
              .matcher(user());
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The n="..." of the first passage whose text contains {@code text}, or -1. */
    int passageContaining(String text) {
      String[] blocks = user().split("<passage n=\"", -1);
      for (int i = 1; i < blocks.length; i++) {
        if (blocks[i].contains(text)) {
          return Integer.parseInt(blocks[i].substring(0, blocks[i].indexOf('"')));
        }
      }
      return -1;
    }

    int passages() {
      return user().split("<passage n=", -1).length - 1;
    }

    private String content(String role) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode m : body.path("messages")) {
        if (m.path("role").asText().equals(role)) {
          sb.append(m.path("content").asText());
        }
      }
      return sb.toString();
    }
  }

  /** What the stub answers. */
  public sealed interface Reply permits Text, Status, Hang, Drip {}

  /** A normal completion with this content. */
  record Text(String content) implements Reply {}

  /** An HTTP error with this JSON body. */
  record Status(int code, String body) implements Reply {}

  /** No answer for this long, then an empty completion. */
  record Hang(long millis) implements Reply {}

  /**
   * Written in pieces of {@code pieceChars}, one every {@code everyMillis}: as stream events when
   * the request streams, else as the bytes of one JSON completion.
   */
  record Drip(String content, int pieceChars, long everyMillis) implements Reply {}

  /** The reply to a rewrite prompt: {@code question} stands alone and needs no translation. */
  public static Reply standaloneAsIs(String question) {
    return text("{\"standalone\": \"" + question + "\", \"translations\": {}}");
  }

  public static Reply text(String content) {
    return new Text(content);
  }

  static Reply status(int code, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.putObject("error").put("message", message).put("type", "stub_error");
    return new Status(code, error.toString());
  }

  static Reply hang(long millis) {
    return new Hang(millis);
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Reply> handler = r -> text("");
  private final AtomicInteger openStreams = new AtomicInteger();
  private final List<Long> disconnects = new CopyOnWriteArrayList<>();

  public OpenAiStub() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL to configure: requests go to {@code baseUrl() + "/chat/completions"}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public void answer(Function<Request, Reply> newHandler) {
    handler = newHandler;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  void reset() {
    requests.clear();
    disconnects.clear();
  }

  /** Dripping replies being written now. */
  int openStreams() {
    return openStreams.get();
  }

  /** {@link System#nanoTime()} of each dripping reply the client closed before its end. */
  List<Long> disconnects() {
    return List.copyOf(disconnects);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")
          || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
        send(exchange, 404, "{\"error\":{\"message\":\"not found\"}}");
        return;
      }
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      Request request = new Request(exchange.getRequestURI().getPath(), headers, body);
      requests.add(request);
      Reply reply = handler.apply(request);
      if (reply instanceof Hang h) {
        try {
          Thread.sleep(h.millis());
        } catch (InterruptedException e) {
          return;
        }
        reply = text("");
      }
      if (reply instanceof Drip d && request.stream()) {
        openStreams.incrementAndGet();
        try {
          stream(exchange, d.content(), d.pieceChars(), d.everyMillis());
        } catch (IOException e) {
          disconnects.add(System.nanoTime()); // the client closed the connection
        } finally {
          openStreams.decrementAndGet();
        }
      } else if (reply instanceof Drip d) {
        openStreams.incrementAndGet();
        try {
          drip(exchange, completion(d.content()), d.pieceChars(), d.everyMillis());
        } catch (IOException e) {
          disconnects.add(System.nanoTime()); // the client closed the connection
        } finally {
          openStreams.decrementAndGet();
        }
      } else if (reply instanceof Status s) {
        send(exchange, s.code(), s.body());
      } else if (request.stream()) {
        stream(exchange, ((Text) reply).content(), 3, 0);
      } else {
        send(exchange, 200, completion(((Text) reply).content()));
      }
    }
  }

  private static String completion(String content) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", "chatcmpl-stub").put("object", "chat.completion").put("created", 0);
    o.put("model", "stub");
    ObjectNode choice = o.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", content);
    o.putObject("usage")
        .put("prompt_tokens", 10)
        .put("completion_tokens", 10)
        .put("total_tokens", 20);
    return o.toString();
  }

  /**
   * The content in pieces of {@code size} characters as chat.completion.chunk events, one every
   * {@code everyMillis}, then [DONE].
   */
  private static void stream(HttpExchange exchange, String content, int size, long everyMillis)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < content.length(); i += size) {
      pieces.add(content.substring(i, Math.min(content.length(), i + size)));
    }
    for (int i = 0; i <= pieces.size(); i++) {
      if (everyMillis > 0 && i > 0) {
        try {
          Thread.sleep(everyMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
      ObjectNode o = JSON.createObjectNode();
      o.put("id", "chatcmpl-stub").put("object", "chat.completion.chunk").put("created", 0);
      o.put("model", "stub");
      ObjectNode choice = o.putArray("choices").addObject();
      choice.put("index", 0);
      ObjectNode delta = choice.putObject("delta");
      if (i == 0) {
        delta.put("role", "assistant");
      }
      if (i < pieces.size()) {
        delta.put("content", pieces.get(i));
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", "stop");
      }
      out.write(("data: " + o + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** A JSON completion written a few characters at a time, slowly (a server that drips). */
  private static void drip(HttpExchange exchange, String body, int size, long everyMillis)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (int i = 0; i < body.length(); i += size) {
      out.write(
          body.substring(i, Math.min(body.length(), i + size)).getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        Thread.sleep(everyMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void send(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
