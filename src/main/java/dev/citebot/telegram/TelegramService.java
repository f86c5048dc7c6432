package dev.citebot.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citebot.Citebot;
import dev.citebot.concurrent.DaemonThreads;
import dev.citebot.config.CitebotConfig;
import dev.citebot.render.TelegramRenderer;
import dev.citebot.session.ChatSessions;
import dev.citebot.session.RateLimiter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The running bot: checks the token, then receives updates by long polling or by webhook and
 * answers them with the engine. {@link #close()} stops taking updates and waits (bounded) for the
 * answers in flight.
 */
public final class TelegramService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TelegramService.class);
  private static final List<String> UPDATES = List.of("message", "callback_query");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  /**
   * Conversations kept (idle ones beyond it are forgotten, oldest first). Each holds up to
   * answer.memory-turns answers with their quotes, a few KB a turn: this keeps the worst case in
   * tens of MB. Source buttons of forgotten answers still work from their callback data.
   */
  static final int MAX_CHATS = 2_000;

  /**
   * How the service runs; {@link #defaults()} for production, tests shorten the waits.
   *
   * @param workers threads answering (chats in parallel)
   * @param drainTimeout how long {@link #close()} waits for answers in flight
   * @param retries how Bot API calls are retried (429, 5xx and network errors)
   * @param pollBackoff first wait after a failed getUpdates (the library's backoff)
   * @param webhookPort port of the webhook server; -1 = telegram.webhook.port, 0 = any free one
   */
  public record Settings(
      int workers,
      Duration drainTimeout,
      RetryingSender.Policy retries,
      Duration pollBackoff,
      int webhookPort) {
    public static Settings defaults() {
      return new Settings(
          Math.max(8, 4 * Runtime.getRuntime().availableProcessors()),
          Duration.ofSeconds(25),
          RetryingSender.Policy.defaults(),
          Duration.ofMillis(500),
          -1);
    }
  }

  private final Settings settings;
  private final TelegramBot.Identity identity;
  private final String mode;
  private final ChatSessions sessions;
  private final OkHttpClient http;
  private final OkHttpTelegramClient client;
  private final ScheduledExecutorService timer;
  private final Redactor redactor;
  private final AtomicLong lastTakenUpdate;
  private final AtomicLong confirmedBelow = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private TelegramBotsLongPollingApplication polling;
  private ScheduledExecutorService pollThread;
  private WebhookServer webhook;

  private TelegramService(
      Settings settings,
      TelegramBot.Identity identity,
      String mode,
      ChatSessions sessions,
      OkHttpClient http,
      OkHttpTelegramClient client,
      ScheduledExecutorService timer,
      Redactor redactor,
      AtomicLong lastTakenUpdate) {
    this.settings = settings;
    this.identity = identity;
    this.mode = mode;
    this.sessions = sessions;
    this.http = http;
    this.client = client;
    this.timer = timer;
    this.redactor = redactor;
    this.lastTakenUpdate = lastTakenUpdate;
  }

  /**
   * Starts the bot on {@code engine} with the Telegram settings {@code config}.
   *
   * @throws TelegramStartException with one sentence for the operator: no token, a rejected token,
   *     an unusable api-url, an unreachable Bot API
   */
  public static TelegramService start(
      Citebot engine, CitebotConfig.Telegram config, Settings settings)
      throws TelegramStartException {
    String token = config.token().strip();
    if (token.isEmpty()) {
      throw new TelegramStartException("Set TELEGRAM_BOT_TOKEN to the token from @BotFather.");
    }
    boolean webhookMode = !config.webhookUrl().isBlank();
    String secret = webhookMode ? webhookSecret(config.webhookSecret()) : "";
    Redactor redactor = new Redactor(token, secret);
    TelegramUrl url = telegramUrl(config.apiUrl());
    OkHttpClient http = httpClient(settings.workers());
    OkHttpTelegramClient client = new OkHttpTelegramClient(http, token, url);
    RetryingSender sender = new RetryingSender(client, settings.retries(), redactor);
    TelegramBot.Identity me;
    try {
      me = identity(sender, config.apiUrl(), redactor);
    } catch (TelegramStartException e) {
      shutdown(http);
      throw e;
    }
    sender.tryOnce(SetMyCommands.builder().commands(commands()).build());

    ChatSessions sessions =
        new ChatSessions(
            chatId -> engine.conversation("telegram", chatId), settings.workers(), MAX_CHATS, 100);
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("citebot-typing"));
    Replies replies =
        new Replies(
            engine,
            sessions,
            new Outbox(sender, new MessageSplitter(), timer),
            new TelegramRenderer(engine.config().server().publicUrl()),
            new CitationCache(MAX_CHATS / 2, 20),
            config.maxQuestionChars(),
            me.username(),
            redactor);
    TelegramBot bot =
        new TelegramBot(
            me,
            new AccessPolicy(config.allowedChats(), config.allowedUsers()),
            new RateLimiter(config.rateLimitPerMinute()),
            new RateLimiter(3 * config.rateLimitPerMinute()),
            sessions,
            replies);
    AtomicLong lastTaken = new AtomicLong();
    TelegramService service =
        new TelegramService(
            settings,
            me,
            webhookMode ? "webhook " + config.webhookUrl() : "long polling",
            sessions,
            http,
            client,
            timer,
            redactor,
            lastTaken);
    try {
      if (webhookMode) {
        service.startWebhook(config, secret, bot, sender);
      } else {
        service.startPolling(token, url, bot, lastTaken);
      }
    } catch (TelegramStartException e) {
      service.close();
      throw e;
    }
    return service;
  }

  public TelegramBot.Identity identity() {
    return identity;
  }

  /** "long polling" or "webhook URL". */
  public String mode() {
    return mode;
  }

  /** The webhook server's port, or -1 when polling. */
  public int webhookPort() {
    return webhook == null ? -1 : webhook.port();
  }

  /** The address the webhook server listens on, or null when polling. */
  public InetSocketAddress webhookAddress() {
    return webhook == null ? null : webhook.address();
  }

  private static TelegramBot.Identity identity(
      RetryingSender sender, String apiUrl, Redactor redactor) throws TelegramStartException {
    try {
      User me = sender.execute(new GetMe());
      if (me == null || me.getUserName() == null) {
        throw new TelegramStartException(
            "The Bot API at " + apiUrl + " did not say who the bot is.");
      }
      return new TelegramBot.Identity(me.getId(), me.getUserName());
    } catch (TelegramApiRequestException e) {
      Integer code = e.getErrorCode();
      if (code != null && (code == 401 || code == 404)) {
        throw new TelegramStartException(
            "Telegram rejected the bot token ("
                + code
                + " "
                + (code == 401 ? "Unauthorized" : "Not Found")
                + "); check TELEGRAM_BOT_TOKEN against the token @BotFather gave you.");
      }
      throw new TelegramStartException(
          "The Bot API at " + apiUrl + " refused getMe: " + redactor.describe(e) + ".");
    } catch (TelegramApiException e) {
      throw new TelegramStartException(
          "Could not reach the Telegram Bot API at " + apiUrl + ": " + redactor.describe(e) + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TelegramStartException("Interrupted while contacting the Telegram Bot API.");
    }
  }

  private void startPolling(String token, TelegramUrl url, TelegramBot bot, AtomicLong lastTaken)
      throws TelegramStartException {
    OkHttpClient pollHttp =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(20))
            .readTimeout(Duration.ofSeconds(75)) // getUpdates waits up to 50 s
            .writeTimeout(Duration.ofSeconds(20))
            .build();
    pollThread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("citebot-poll"));
    int firstBackoff = (int) settings.pollBackoff().toMillis();
    polling =
        new TelegramBotsLongPollingApplication(
            () ->
                new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false),
            () -> pollHttp,
            () -> pollThread,
            () ->
                new ExponentialBackOff.Builder()
                    .setInitialIntervalMillis(firstBackoff)
                    .setMaxIntervalMillis(Math.max(firstBackoff, 30_000))
                    .setMaxElapsedTimeMillis(Integer.MAX_VALUE)
                    .build());
    LongPollingUpdateConsumer consumer =
        updates -> {
          for (Update u : updates) {
            if (bot.handle(u) && u.getUpdateId() != null) {
              lastTaken.accumulateAndGet(u.getUpdateId(), Math::max);
            }
          }
        };
    DefaultGetUpdatesGenerator requests = new DefaultGetUpdatesGenerator(UPDATES);
    Function<Integer, GetUpdates> tracked =
        lastReceived -> {
          confirmedBelow.set(lastReceived + 1L); // this request confirms every update before it
          return requests.apply(lastReceived);
        };
    try {
      polling.registerBot(token, () -> url, tracked, consumer);
    } catch (TelegramApiException e) {
      throw new TelegramStartException(
          "Could not start long polling: " + redactor.describe(e) + ".");
    }
  }

  private void startWebhook(
      CitebotConfig.Telegram config, String secret, TelegramBot bot, RetryingSender sender)
      throws TelegramStartException {
    URI uri;
    try {
      uri = URI.create(config.webhookUrl().strip());
    } catch (IllegalArgumentException e) {
      throw new TelegramStartException("Setting telegram.webhook.url is not a URL.");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
      throw new TelegramStartException(
          "Setting telegram.webhook.url must be the public https URL Telegram should call.");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    int port = settings.webhookPort() >= 0 ? settings.webhookPort() : config.webhookPort();
    InetSocketAddress address;
    try {
      // An address literal or a name of this machine, e.g. localhost; resolved once, at start.
      address = new InetSocketAddress(InetAddress.getByName(config.webhookBind()), port);
    } catch (UnknownHostException e) {
      throw new TelegramStartException(
          "Setting telegram.webhook.bind is not an address of this machine: "
              + config.webhookBind()
              + ".");
    }
    try {
      webhook =
          new WebhookServer(
              address,
              path,
              secret,
              new ObjectMapper()
                  .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false),
              bot::handle,
              WebhookServer.Limits.defaults());
    } catch (IOException e) {
      throw new TelegramStartException(
          "Could not listen for the webhook on "
              + config.webhookBind()
              + " port "
              + port
              + ": "
              + e.getMessage()
              + ".");
    }
    webhook.start();
    SetWebhook set =
        SetWebhook.builder()
            .url(config.webhookUrl().strip())
            .secretToken(secret)
            .allowedUpdates(UPDATES)
            .build();
    try {
      sender.call("setWebhook", c -> c.execute(set));
    } catch (TelegramApiException e) {
      throw new TelegramStartException(
          "Telegram refused the webhook: " + redactor.describe(e) + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TelegramStartException("Interrupted while setting the webhook.");
    }
  }

  /**
   * Stops taking updates, waits up to the drain timeout for answers in flight, then stops. Updates
   * not taken are left with Telegram, which delivers them again on the next start.
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    sessions.stopAccepting();
    if (polling != null) {
      try {
        polling.close();
      } catch (Exception e) {
        log.warn("Stopping long polling: {}", redactor.describe(e));
      }
    }
    try {
      if (!sessions.awaitIdle(settings.drainTimeout())) {
        log.warn("Stopped before every answer in flight was sent.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (polling != null) {
      confirmTaken();
      pollThread.shutdown(); // no interrupt: a getUpdates in flight ends on its own
    }
    if (webhook != null) {
      webhook.close();
    }
    sessions.close();
    timer.shutdownNow();
    shutdown(http);
  }

  /**
   * Makes sure Telegram knows every update taken is done. Each getUpdates confirms the updates
   * before its offset, so usually the request in flight already did; if polling stopped right after
   * a batch was taken, one more request confirms it, or the batch would be delivered, and answered,
   * again after a restart.
   */
  private void confirmTaken() {
    long last = lastTakenUpdate.get();
    if (last <= 0 || last < confirmedBelow.get()) {
      return;
    }
    try {
      client.execute(
          GetUpdates.builder()
              .offset((int) last + 1)
              .limit(1)
              .timeout(0)
              .allowedUpdates(UPDATES)
              .build());
    } catch (TelegramApiException e) {
      log.warn("Could not confirm the last updates to Telegram: {}", redactor.describe(e));
    }
  }

  private static OkHttpClient httpClient(int workers) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(Math.max(64, 2 * workers));
    dispatcher.setMaxRequestsPerHost(Math.max(64, 2 * workers));
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .build();
  }

  private static void shutdown(OkHttpClient http) {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** The api-url as the library's TelegramUrl: scheme://host[:port], no path. */
  static TelegramUrl telegramUrl(String apiUrl) throws TelegramStartException {
    URI uri;
    try {
      uri = URI.create(apiUrl.strip());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    String scheme =
        uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String path = uri == null || uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || !(path.isEmpty() || path.equals("/"))
        || uri.getRawQuery() != null) {
      throw new TelegramStartException(
          "Setting telegram.api-url must look like https://api.telegram.org or"
              + " http://127.0.0.1:8081 (scheme, host and port only).");
    }
    int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return new TelegramUrl(scheme, uri.getHost(), port, false);
  }

  /** The configured webhook secret, or a fresh random one (we set the webhook ourselves). */
  private static String webhookSecret(String configured) throws TelegramStartException {
    if (!configured.isBlank()) {
      if (!SECRET.matcher(configured).matches()) {
        throw new TelegramStartException(
            "Setting telegram.webhook.secret may only hold A-Z, a-z, 0-9, _ and - (1 to 256).");
      }
      return configured;
    }
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 48; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static List<BotCommand> commands() {
    return List.of(
        new BotCommand("ask", "Ask about the articles"),
        new BotCommand("sources", "List the articles"),
        new BotCommand("show", "Show lines of an article: FILE:FROM-TO"),
        new BotCommand("new", "Forget this conversation"),
        new BotCommand("help", "What I know and how citations work"));
  }
}
