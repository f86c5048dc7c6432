package dev.citebot.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load benchmark (not a test) of a running {@code citebot serve}: {@code clients} concurrent
 * clients, each with its own HttpClient and conversation, ask {@code questions} questions in all
 * (taken in turn from a file, one per line) through POST /api/ask, after a warm-up that is not
 * counted. Latency is the client's: request sent to whole response read. Run by bench/serve-load.
 *
 * <p>Arguments: base URL, questions file, questions (1000), clients (50), warm-up questions (100).
 */
public final class ServeLoadBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ServeLoadBench() {}

  public static void main(String[] args) throws Exception {
    URI ask = URI.create(args[0] + "/api/ask");
    List<String> lines =
        Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    int questions = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 100;

    run(ask, lines, warmUp, clients); // JIT and caches; not counted
    long t0 = System.nanoTime();
    Result r = run(ask, lines, questions, clients);
    double wall = (System.nanoTime() - t0) / 1e9;

    List<Double> ms = new ArrayList<>(r.latenciesMs());
    Collections.sort(ms);
    System.out.printf(
        Locale.ROOT,
        "questions %d, clients %d, warm-up %d (not counted)%n"
            + "wall %.2f s, throughput %.0f questions/s%n"
            + "latency ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n"
            + "statuses %s, errors %d%n",
        questions,
        clients,
        warmUp,
        wall,
        questions / wall,
        pct(ms, 50),
        pct(ms, 95),
        pct(ms, 99),
        ms.isEmpty() ? 0 : ms.get(ms.size() - 1),
        r.statuses(),
        r.errors());
  }

  record Result(List<Double> latenciesMs, Map<Integer, Integer> statuses, int errors) {}

  static Result run(URI ask, List<String> lines, int questions, int clients) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      done.add(
          pool.submit(
              () -> {
                HttpClient http =
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                String conversation = null;
                for (int i; (i = next.getAndIncrement()) < questions; ) {
                  ObjectNode body =
                      JSON.createObjectNode().put("question", lines.get(i % lines.size()));
                  if (conversation != null) {
                    body.put("conversation", conversation);
                  }
                  HttpRequest request =
                      HttpRequest.newBuilder(ask)
                          .timeout(Duration.ofSeconds(60))
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                          .build();
                  long t = System.nanoTime();
                  try {
                    HttpResponse<String> r =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.add((System.nanoTime() - t) / 1e6);
                    statuses
                        .computeIfAbsent(r.statusCode(), k -> new AtomicInteger())
                        .incrementAndGet();
                    if (r.statusCode() == 200) {
                      JsonNode record = JSON.readTree(r.body());
                      conversation = record.path("conversation").asText(null);
                    } else {
                      errors.incrementAndGet();
                    }
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    Map<Integer, Integer> counts = new TreeMap<>();
    statuses.forEach((k, v) -> counts.put(k, v.get()));
    return new Result(List.copyOf(latencies), counts, errors.get());
  }

  static double pct(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
