package dev.citebot.server;

import dev.citebot.Citebot;
import dev.citebot.config.CitebotConfig;
import dev.citebot.http.BoundedHttpServer;
import dev.citebot.session.ChatSessions;
import dev.citebot.session.RateLimiter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * {@code citebot serve}: the HTTP API and the web page on one port, answering through the same
 * engine as the console and the bot, with the per-conversation queues and per-client rate limit of
 * the {@code session} package.
 */
public final class WebServer implements AutoCloseable {
  /** The largest request body read: a question of answer.max-question-chars fits many times. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /**
   * Conversations remembered; the idle ones used longest ago are forgotten beyond it. Each holds up
   * to answer.memory-turns answers with their quotes, a few KB a turn: as the bot's limit, this
   * keeps the worst case in tens of MB, whoever opens conversations.
   */
  static final int MAX_CONVERSATIONS = 2_000;

  /**
   * Bounds that are not settings.
   *
   * @param http connections served at once and waiting, the time to read a request, and the time to
   *     write a response (the time to answer, llm.timeout and then some, is added to it)
   * @param answerWorkers questions answered at once (the rest wait in their conversation's queue)
   * @param drainTimeout how long closing waits for the answers in flight
   */
  public record Settings(BoundedHttpServer.Limits http, int answerWorkers, Duration drainTimeout) {
    public static Settings defaults() {
      int cores = Runtime.getRuntime().availableProcessors();
      return new Settings(
          new BoundedHttpServer.Limits(
              64, 256, Duration.ofSeconds(10), Duration.ofSeconds(30), 16 * 1024, MAX_BODY_BYTES),
          Math.max(8, 4 * cores),
          Duration.ofSeconds(25));
    }
  }

  private final BoundedHttpServer server;
  private final ChatSessions sessions;
  private final HttpApi api;
  private final Settings settings;

  private WebServer(
      BoundedHttpServer server, ChatSessions sessions, HttpApi api, Settings settings) {
    this.server = server;
    this.sessions = sessions;
    this.api = api;
    this.settings = settings;
  }

  /**
   * Listens on {@code server.bind} and {@code port} and serves until closed.
   *
   * @throws ServerStartException with one sentence when the address or port cannot be used
   */
  public static WebServer start(
      Citebot engine, CitebotConfig.Server config, int port, Settings settings)
      throws ServerStartException {
    InetSocketAddress address;
    try {
      address = new InetSocketAddress(InetAddress.getByName(config.bind()), port);
    } catch (UnknownHostException e) {
      throw new ServerStartException(
          "Setting server.bind is not an address of this machine: " + config.bind() + ".");
    }
    // With the solr backend a conversation's turns live in the cluster: any replica continues it.
    ChatSessions sessions =
        new ChatSessions(
            id -> engine.conversation("web", id), settings.answerWorkers(), MAX_CONVERSATIONS, 4);
    // The model's own limit bounds an answer; the rest is time waiting in the queue.
    Duration answerTimeout = engine.config().llm().timeout().plusSeconds(30);
    HttpApi api =
        new HttpApi(
            engine,
            new AskEndpoint(
                engine, sessions, new RateLimiter(config.rateLimitPerMinute()), answerTimeout),
            new ApiKey(config.apiKey()));
    BoundedHttpServer server;
    try {
      // A response may take as long as its answer: the deadline starts after that time.
      BoundedHttpServer.Limits limits =
          settings
              .http()
              .withResponseTimeout(settings.http().responseTimeout().plus(answerTimeout));
      server = new BoundedHttpServer("serve", address, limits, api, JsonResponses::refusal);
    } catch (IOException e) {
      sessions.close();
      throw new ServerStartException(
          "Could not listen on "
              + config.bind()
              + " port "
              + port
              + ": "
              + e.getMessage()
              + (String.valueOf(e.getMessage()).contains("in use")
                  ? " (is another program using it? Choose another with --port)."
                  : " (is " + config.bind() + " an address of this machine? See server.bind)."));
    }
    server.start();
    return new WebServer(server, sessions, api, settings);
  }

  public int port() {
    return server.port();
  }

  public InetSocketAddress address() {
    return server.address();
  }

  /** Stops taking questions, lets the ones in flight finish (up to the drain timeout), stops. */
  @Override
  public void close() {
    api.closing();
    sessions.stopAccepting();
    try {
      sessions.awaitIdle(settings.drainTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    sessions.close();
  }
}
