package dev.citebot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A local stand-in for the Telegram Bot API, over real HTTP on 127.0.0.1, for the real TelegramBots
 * client and long-polling code. It keeps an update queue with Telegram's offset rules, answers the
 * methods the bot calls, refuses what Telegram refuses (bad HTML, too long texts, oversized button
 * data, a wrong token), records every call, and injects faults: an HTTP status (429 with
 * retry_after, 500), a dropped connection, or a delay.
 */
final class FakeBotApi implements AutoCloseable {
  static final long BOT_ID = 7_000_000_001L;
  static final String BOT_USERNAME = "citebot_test_bot";

  /** One request as received, with what we answered. */
  record Call(String method, JsonNode body, String raw, int status, long nanos) {}

  /** A message the bot sent successfully. */
  record Sent(
      long chatId,
      int messageId,
      String html,
      String text,
      Integer replyTo,
      JsonNode buttons,
      long nanos) {
    /** The callback data of every inline button, in order. */
    List<String> buttonData() {
      List<String> out = new ArrayList<>();
      if (buttons != null) {
        buttons
            .path("inline_keyboard")
            .forEach(row -> row.forEach(b -> out.add(b.path("callback_data").asText())));
      }
      return out;
    }
  }

  /** What to do instead of answering normally, once. */
  record Fault(int status, int retryAfter, boolean drop, long delayMillis) {
    static Fault status(int status) {
      return new Fault(status, 0, false, 0);
    }

    static Fault tooManyRequests(int retryAfter) {
      return new Fault(429, retryAfter, false, 0);
    }

    static Fault dropConnection() {
      return new Fault(0, 0, true, 0);
    }

    static Fault delay(long millis) {
      return new Fault(0, 0, false, millis);
    }
  }

  private static final class Dropped extends RuntimeException {
    Dropped() {
      super("connection dropped on purpose", null, false, false);
    }
  }

  static {
    // Headers and body go out as two writes; without TCP_NODELAY every call would wait ~40 ms for
    // the client's delayed ACK, which says nothing about the bot (read once, at the first server).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final ObjectMapper json = new ObjectMapper();
  private final String token;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Deque<ObjectNode> updates = new ArrayDeque<>(); // guarded by itself
  private final AtomicInteger nextUpdateId = new AtomicInteger(1);
  private final AtomicInteger nextMessageId = new AtomicInteger(1000);
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();
  private volatile long pollWaitMillis = 1000;
  private final AtomicInteger active = new AtomicInteger();

  FakeBotApi(String token) throws IOException {
    this.token = token;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.setExecutor(threads);
    server.createContext("/", this::exchange);
    server.start();
  }

  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  // ---- updates -------------------------------------------------------------------------------

  /** Queues a text message from {@code userId} in {@code chatId} (negative = a group). */
  int sendText(long chatId, long userId, String text) {
    return sendText(chatId, userId, text, null);
  }

  /** Same, replying to message {@code replyTo} of the bot. */
  int sendText(long chatId, long userId, String text, Integer replyTo) {
    ObjectNode m = textMessage(chatId, userId, text, replyTo);
    queue("message", m);
    return m.get("message_id").asInt();
  }

  /** A complete update holding a new text message, not queued (for the webhook). */
  ObjectNode textUpdate(long chatId, long userId, String text) {
    ObjectNode u = json.createObjectNode();
    u.put("update_id", nextUpdateId.getAndIncrement());
    u.set("message", textMessage(chatId, userId, text, null));
    return u;
  }

  private ObjectNode textMessage(long chatId, long userId, String text, Integer replyTo) {
    ObjectNode m = message(chatId, userId);
    m.put("text", text);
    if (text.startsWith("/")) {
      int end = text.indexOf(' ');
      m.putArray("entities")
          .addObject()
          .put("type", "bot_command")
          .put("offset", 0)
          .put("length", end < 0 ? text.length() : end);
    }
    if (replyTo != null) {
      ObjectNode r = m.putObject("reply_to_message");
      r.put("message_id", replyTo).put("date", now());
      r.set("chat", m.get("chat"));
      r.set("from", botUser());
      r.put("text", "an earlier answer");
    }
    return m;
  }

  /** Queues a text message from another bot in {@code chatId}. */
  int sendFromBot(long chatId, long botId, String text) {
    ObjectNode m = textMessage(chatId, botId, text, null);
    ((ObjectNode) m.get("from")).put("is_bot", true);
    queue("message", m);
    return m.get("message_id").asInt();
  }

  /** Queues a text message from an anonymous admin: sent as the group, by @GroupAnonymousBot. */
  int sendAsGroup(long chatId, String text) {
    ObjectNode m = textMessage(chatId, 1087968824L, text, null);
    ((ObjectNode) m.get("from")).put("is_bot", true).put("username", "GroupAnonymousBot");
    m.set("sender_chat", chat(chatId));
    queue("message", m);
    return m.get("message_id").asInt();
  }

  /** Queues a sticker (no text). */
  int sendSticker(long chatId, long userId) {
    ObjectNode m = message(chatId, userId);
    m.putObject("sticker")
        .put("file_id", "CAACAgIAAxk")
        .put("file_unique_id", "AgAD")
        .put("type", "regular")
        .put("width", 512)
        .put("height", 512)
        .put("is_animated", false)
        .put("is_video", false);
    queue("message", m);
    return m.get("message_id").asInt();
  }

  /** Queues an edit of an earlier message. */
  void editText(long chatId, long userId, int messageId, String text) {
    ObjectNode m = message(chatId, userId);
    m.put("message_id", messageId).put("edit_date", now()).put("text", text);
    queue("edited_message", m);
  }

  /** Queues a press on an inline button of the bot's message {@code messageId}. */
  void pressButton(long chatId, long userId, int messageId, String data) {
    ObjectNode q = json.createObjectNode();
    q.put("id", "cb" + nextUpdateId.get());
    q.set("from", user(userId));
    ObjectNode m = q.putObject("message");
    m.put("message_id", messageId).put("date", now());
    m.set("chat", chat(chatId));
    m.set("from", botUser());
    m.put("text", "an answer");
    q.put("chat_instance", "ci" + chatId);
    q.put("data", data);
    queue("callback_query", q);
  }

  /** Queues the last update once more, with the same update_id (Telegram may deliver twice). */
  void repeatLastUpdate() {
    synchronized (updates) {
      updates.addLast(updates.peekLast().deepCopy());
      updates.notifyAll();
    }
  }

  /** Holds updates back until {@link #release()}, so that many arrive in one getUpdates. */
  void hold() {
    synchronized (updates) {
      held = true;
    }
  }

  void release() {
    synchronized (updates) {
      held = false;
      updates.notifyAll();
    }
  }

  private boolean held; // guarded by updates
  private boolean closing; // guarded by updates

  private void queue(String kind, ObjectNode payload) {
    synchronized (updates) {
      ObjectNode u = json.createObjectNode();
      u.put("update_id", nextUpdateId.getAndIncrement());
      u.set(kind, payload);
      updates.addLast(u);
      updates.notifyAll();
    }
  }

  private ObjectNode message(long chatId, long userId) {
    ObjectNode m = json.createObjectNode();
    m.put("message_id", nextMessageId.getAndIncrement());
    m.put("date", now());
    m.set("chat", chat(chatId));
    m.set("from", user(userId));
    return m;
  }

  private ObjectNode chat(long chatId) {
    ObjectNode c = json.createObjectNode().put("id", chatId);
    if (chatId < 0) {
      c.put("type", "supergroup").put("title", "Group " + chatId);
    } else {
      c.put("type", "private").put("first_name", "User" + chatId);
    }
    return c;
  }

  /** The bot itself, as getMe and the "from" of its own messages describe it. */
  private ObjectNode botUser() {
    return json.createObjectNode()
        .put("id", BOT_ID)
        .put("is_bot", true)
        .put("first_name", "citebot")
        .put("username", BOT_USERNAME);
  }

  private ObjectNode user(long userId) {
    return json.createObjectNode()
        .put("id", userId)
        .put("is_bot", false)
        .put("first_name", "User" + userId);
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  // ---- faults and inspection -----------------------------------------------------------------

  /** The next call of {@code method} (any case) meets {@code fault} instead of a normal answer. */
  void failNext(String method, Fault fault) {
    synchronized (faults) {
      faults
          .computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ArrayDeque<>())
          .addLast(fault);
    }
  }

  /** How long getUpdates waits for updates at most (Telegram: up to the timeout, 50 s). */
  void pollWait(Duration d) {
    pollWaitMillis = d.toMillis();
  }

  List<Call> calls(String method) {
    String m = method.toLowerCase(Locale.ROOT);
    return calls.stream().filter(c -> c.method().equals(m)).toList();
  }

  List<Call> allCalls() {
    return List.copyOf(calls);
  }

  List<Sent> sent() {
    return List.copyOf(sent);
  }

  List<Sent> sentTo(long chatId) {
    return sent.stream().filter(s -> s.chatId() == chatId).toList();
  }

  /** Messages Telegram would have refused (with the reason); tests expect none. */
  List<String> refused() {
    return List.copyOf(refused);
  }

  /** Waits until {@code condition} holds; false after {@code timeout}. */
  static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }

  /** Waits for at least {@code n} messages to {@code chatId} matching {@code filter}. */
  List<Sent> awaitSent(long chatId, int n, Predicate<Sent> filter, Duration timeout)
      throws InterruptedException {
    await(() -> sentTo(chatId).stream().filter(filter).count() >= n, timeout);
    return sentTo(chatId).stream().filter(filter).toList();
  }

  List<Sent> awaitSent(long chatId, int n) throws InterruptedException {
    return awaitSent(chatId, n, s -> true, Duration.ofSeconds(15));
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  private void exchange(HttpExchange ex) throws IOException {
    active.incrementAndGet();
    try {
      answer(ex);
    } finally {
      active.decrementAndGet();
    }
  }

  private void answer(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath(); // /bot<token>/<method>
    String[] parts = path.substring(1).split("/", 2);
    String method = parts.length == 2 ? parts[1].toLowerCase(Locale.ROOT) : "";
    String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode body = parse(raw);
    if (!parts[0].equals("bot" + token)) {
      record(method, body, raw, 401);
      reply(ex, 401, error(401, "Unauthorized"));
      return;
    }
    Fault fault = nextFault(method);
    if (fault != null) {
      if (fault.drop()) {
        record(method, body, raw, -1);
        throw new Dropped(); // the JDK server closes the connection without an answer
      }
      if (fault.status() != 0) {
        record(method, body, raw, fault.status());
        ObjectNode e =
            error(
                fault.status(),
                fault.status() == 429
                    ? "Too Many Requests: retry after " + fault.retryAfter()
                    : "Internal Server Error");
        if (fault.status() == 429) {
          e.putObject("parameters").put("retry_after", fault.retryAfter());
        }
        reply(ex, fault.status(), e);
        return;
      }
      sleep(fault.delayMillis());
    }
    ObjectNode answer;
    int status = 200;
    switch (method) {
      case "getme" -> answer = ok(botUser());
      case "getupdates" -> answer = ok(getUpdates(body));
      case "sendmessage" -> {
        try {
          answer = ok(sendMessage(body));
        } catch (IllegalArgumentException refusedHtml) {
          refused.add(refusedHtml.getMessage() + " in: " + body.path("text").asText());
          status = 400;
          answer = error(400, "Bad Request: " + refusedHtml.getMessage());
        }
      }
      default -> answer = ok(json.getNodeFactory().booleanNode(true));
    }
    record(method, body, raw, status);
    reply(ex, status, answer);
  }

  private JsonNode getUpdates(JsonNode body) {
    int offset = body.path("offset").asInt(0);
    int limit = body.path("limit").asInt(100);
    long waitMillis = Math.min(pollWaitMillis, body.path("timeout").asLong(0) * 1000);
    long deadline = System.currentTimeMillis() + waitMillis;
    synchronized (updates) {
      updates.removeIf(u -> u.get("update_id").asInt() < offset); // confirmed by the offset
      while ((held || updates.isEmpty()) && !closing && System.currentTimeMillis() < deadline) {
        try {
          updates.wait(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        updates.removeIf(u -> u.get("update_id").asInt() < offset);
      }
      var result = json.createArrayNode();
      if (!held && !closing) {
        updates.stream().limit(limit).forEach(result::add);
      }
      return result;
    }
  }

  private JsonNode sendMessage(JsonNode body) {
    String html = body.path("text").asText();
    boolean isHtml = body.path("parse_mode").asText().equalsIgnoreCase("html");
    String text = isHtml ? TelegramHtml.plainText(html) : html;
    if (text.strip().isEmpty()) {
      throw new IllegalArgumentException("message text is empty");
    }
    if (text.length() > 4096) {
      throw new IllegalArgumentException("message is too long");
    }
    JsonNode markup = body.get("reply_markup");
    if (markup != null) {
      markup
          .path("inline_keyboard")
          .forEach(
              row ->
                  row.forEach(
                      b -> {
                        if (b.path("callback_data").asText().getBytes(StandardCharsets.UTF_8).length
                            > 64) {
                          throw new IllegalArgumentException("BUTTON_DATA_INVALID");
                        }
                      }));
    }
    long chatId = Long.parseLong(body.path("chat_id").asText());
    JsonNode reply = body.path("reply_parameters").path("message_id");
    int id = nextMessageId.getAndIncrement();
    sent.add(
        new Sent(
            chatId,
            id,
            html,
            text,
            reply.isMissingNode() ? null : reply.asInt(),
            markup,
            System.nanoTime()));
    ObjectNode m = json.createObjectNode();
    m.put("message_id", id).put("date", now());
    m.set("chat", chat(chatId));
    m.set("from", botUser());
    m.put("text", text);
    return m;
  }

  private Fault nextFault(String method) {
    synchronized (faults) {
      Deque<Fault> q = faults.get(method);
      return q == null ? null : q.pollFirst();
    }
  }

  private void record(String method, JsonNode body, String raw, int status) {
    calls.add(new Call(method, body, raw, status, System.nanoTime()));
  }

  private JsonNode parse(String raw) {
    try {
      JsonNode n = json.readTree(raw);
      return n == null ? json.createObjectNode() : n;
    } catch (IOException e) {
      return json.createObjectNode(); // multipart (setWebhook): see Call.raw
    }
  }

  private ObjectNode ok(JsonNode result) {
    ObjectNode o = json.createObjectNode().put("ok", true);
    o.set("result", result);
    return o;
  }

  private ObjectNode error(int code, String description) {
    return json.createObjectNode()
        .put("ok", false)
        .put("error_code", code)
        .put("description", description);
  }

  private void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Answers polls in flight with no updates, then stops. */
  @Override
  public void close() {
    synchronized (updates) {
      closing = true;
      held = false;
      updates.notifyAll();
    }
    try {
      await(() -> active.get() == 0, Duration.ofSeconds(1)); // let released polls answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(0);
    threads.shutdownNow();
  }
}
