package dev.citebot.telegram;

import dev.citebot.Citebot;
import dev.citebot.TestCorpus;
import dev.citebot.config.CitebotConfig;
import dev.citebot.telegram.FakeBotApi.Sent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load benchmark (not a test): the real bot, long polling the local fake Bot API, on the seeds.
 * Questions are {@code /ask} messages in group chats, so each answer names the question it replies
 * to. Latency is from the moment an update is available at the fake server to the moment the
 * answer's sendMessage reaches it: long-poll pickup, "typing…", the engine, the send.
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.citebot.telegram.TelegramLoadBench
 * </pre>
 *
 * Arguments (optional): questions (1000), chats (100), workers (the service default).
 */
public final class TelegramLoadBench {
  static final List<String> QUESTIONS =
      List.of(
          "Việt Nam và Triều Tiên đã ký những văn kiện nào?",
          "When did Vietnam and the DPRK establish diplomatic relations?",
          "Who is Tô Lâm?",
          "Tổng Bí thư Tô Lâm thăm Belarus khi nào?",
          "What did Deputy Minister Nguyễn Minh Vũ say about the visit?",
          "Hvilke avtaler ble signert mellom Vietnam og Nord-Korea?",
          "Quan hệ Việt Nam - Belarus được nâng cấp lên mức nào?",
          "Lễ kỷ niệm 80 năm thành lập Đảng Lao động Triều Tiên diễn ra khi nào?",
          "What is the capital of the DPRK?",
          "Hva sa Tô Lâm om forholdet til Nord-Korea?",
          "Ai chủ trì lễ đón Tổng Bí thư tại Minsk?",
          "How long have Vietnam and Belarus had relations?");

  private TelegramLoadBench() {}

  public static void main(String[] args) throws Exception {
    int questions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int chats = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    TelegramService.Settings defaults = TelegramService.Settings.defaults();
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : defaults.workers();
    TelegramService.Settings settings =
        new TelegramService.Settings(
            workers, defaults.drainTimeout(), defaults.retries(), defaults.pollBackoff(), 0);

    Path dir = Files.createTempDirectory("citebot-bench");
    Path corpus = TestCorpus.seeds(dir.resolve("corpus"));
    CitebotConfig config = TestCorpus.config(corpus, dir.resolve("index"));
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, Java %s, max heap %d MB; %d workers%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        workers);

    try (Citebot engine = Citebot.open(config, false, line -> {})) {
      engineOnly(engine, questions, 1);
      engineOnly(engine, questions, Runtime.getRuntime().availableProcessors());
      try (FakeBotApi api = new FakeBotApi(BotFixture.TOKEN)) {
        CitebotConfig.Telegram tg = BotFixture.telegram(api.apiUrl(), Set.of(), Set.of(), 10_000);
        TelegramService service = TelegramService.start(engine, tg, settings);
        try {
          run(api, 200, chats, 0, "warm-up (not counted)");
          run(api, questions, chats, 0, "burst: all at once");
          double rate = 0.5 * lastThroughput;
          run(api, questions, chats, rate, "paced at half the burst rate");
        } finally {
          service.close();
        }
      }
    }
  }

  private static double lastThroughput;

  /** The engine alone, for comparison: {@code threads} callers asking directly. */
  private static void engineOnly(Citebot engine, int n, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int i = 0; i < Math.min(200, n); i++) { // warm-up
        engine.ask(engine.newConversation(), QUESTIONS.get(i % QUESTIONS.size()));
      }
      List<Future<Long>> times = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        String q = QUESTIONS.get(i % QUESTIONS.size());
        times.add(
            pool.submit(
                () -> {
                  long s = System.nanoTime();
                  engine.ask(engine.newConversation(), q);
                  return System.nanoTime() - s;
                }));
      }
      List<Long> latencies = new ArrayList<>();
      for (Future<Long> f : times) {
        latencies.add(f.get());
      }
      long total = System.nanoTime() - t0;
      report("engine only, " + threads + " thread(s)", n, total, latencies);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Sends {@code n} questions from {@code chats} group chats; {@code perSecond} 0 = all at once.
   */
  private static void run(FakeBotApi api, int n, int chats, double perSecond, String label)
      throws Exception {
    int before = api.sent().size();
    Map<Integer, Long> available = new HashMap<>();
    long chatBase = -1_000_000L * (1 + (long) (Math.random() * 1000));
    long t0 = System.nanoTime();
    if (perSecond <= 0) {
      api.hold();
    }
    for (int i = 0; i < n; i++) {
      if (perSecond > 0) {
        long due = t0 + (long) (i * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      long chat = chatBase - (i % chats);
      int id =
          api.sendText(chat, 10_000 + (i % chats), "/ask " + QUESTIONS.get(i % QUESTIONS.size()));
      available.put(id, System.nanoTime());
    }
    if (perSecond <= 0) {
      long released = System.nanoTime();
      available.replaceAll((id, t) -> released);
      t0 = released;
      api.release();
    }
    boolean done =
        FakeBotApi.await(
            () ->
                api.sent().stream()
                        .skip(before)
                        .filter(s -> available.containsKey(s.replyTo()))
                        .count()
                    >= n,
            Duration.ofMinutes(5));
    if (!done) {
      System.out.println(label + ": not all answered within 5 minutes");
    }
    List<Long> latencies = new ArrayList<>();
    long last = t0;
    Map<Integer, Integer> answersPerQuestion = new HashMap<>();
    Map<Long, Integer> lastAnsweredPerChat = new HashMap<>();
    int outOfOrder = 0;
    for (Sent s : api.sent().subList(before, api.sent().size())) {
      Long at = s.replyTo() == null ? null : available.get(s.replyTo());
      if (at != null) {
        latencies.add(s.nanos() - at);
        last = Math.max(last, s.nanos());
        answersPerQuestion.merge(s.replyTo(), 1, Integer::sum);
        Integer previous = lastAnsweredPerChat.put(s.chatId(), s.replyTo());
        if (previous != null && previous > s.replyTo()) {
          outOfOrder++;
        }
      }
    }
    long twice = answersPerQuestion.values().stream().filter(c -> c > 1).count();
    if (answersPerQuestion.size() != n || twice > 0 || outOfOrder > 0) {
      System.out.printf(
          "%s: %d of %d questions answered, %d more than once, %d out of order%n",
          label, answersPerQuestion.size(), n, twice, outOfOrder);
    }
    if (!label.startsWith("warm-up")) {
      lastThroughput = report("bot, " + label, latencies.size(), last - t0, latencies);
    } else {
      lastThroughput = latencies.size() / ((last - t0) / 1e9);
    }
  }

  private static double report(String label, int n, long totalNanos, List<Long> latencies) {
    Collections.sort(latencies);
    double seconds = totalNanos / 1e9;
    double throughput = n / seconds;
    System.out.printf(
        Locale.ROOT,
        "%-45s %5d answers in %6.2f s = %7.1f/s   latency p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n",
        label,
        n,
        seconds,
        throughput,
        percentile(latencies, 50),
        percentile(latencies, 95),
        latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1e6);
    return throughput;
  }

  private static double percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }
}
