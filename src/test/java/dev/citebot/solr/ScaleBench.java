package dev.citebot.solr;

import dev.citebot.Citebot;
import dev.citebot.TestCorpus;
import dev.citebot.config.CitebotConfig;
import dev.citebot.index.ArticleInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Indexing and query speed of one backend at 10,000 and then 100,000 generated passages (articles
 * of ten paragraphs of words drawn from the XQuAD English articles), run by {@code
 * bench/solr-scale}: {@code ScaleBench lucene|solr WORKDIR}. The solr backend runs against a 2-node
 * in-JVM SolrCloud (collection of 2 shards x 2 replicas) in this same process, so the process's
 * memory holds the cluster too, as a Solr node's would.
 */
public final class ScaleBench {
  private static final int QUESTIONS = 200;
  private static final int WARM_UP = 30;

  public static void main(String[] args) throws Exception {
    String backend = args[0];
    Path work = Path.of(args[1]);
    int small = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    int large = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
    Path corpus = work.resolve("corpus");
    Files.createDirectories(corpus);
    List<String> words = vocabulary();
    java.util.Collections.shuffle(words, new Random(3));
    Random rnd = new Random(7);
    writeArticles(corpus, 0, small, words, rnd);
    List<String> questions = questions(words, new Random(11));

    Map<String, String> env = new HashMap<>();
    LocalSolrCloud cloud = null;
    if (backend.equals("solr")) {
      cloud = LocalSolrCloud.start(2, work.resolve("solr"));
      env.put("CITEBOT_INDEX_BACKEND", "solr");
      env.put("CITEBOT_SOLR_URLS", String.join(",", cloud.urls()));
      env.put("CITEBOT_SOLR_SHARDS", "2");
      env.put("CITEBOT_SOLR_REPLICAS", "2");
    }
    CitebotConfig config = TestCorpus.config(corpus, work.resolve("data"), env);
    long t0 = System.nanoTime();
    try (Citebot bot = Citebot.open(config, false, line -> {})) {
      double firstSeconds = (System.nanoTime() - t0) / 1e9;
      int firstPassages = passages(bot);
      double[] firstLatency = latencies(bot, questions);

      writeArticles(corpus, small, large, words, rnd);
      long t1 = System.nanoTime();
      bot.refresh();
      double secondSeconds = (System.nanoTime() - t1) / 1e9;
      int allPassages = passages(bot);
      double[] secondLatency = latencies(bot, questions);

      System.gc();
      long heap =
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
      System.out.printf(
          "| %s | %,d passages: %.1f s, %,.0f passages/s | %,d more: %.1f s, %,.0f passages/s"
              + " | %.1f / %.1f ms | %.1f / %.1f ms | %d MB | %d MB |%n",
          backend,
          firstPassages,
          firstSeconds,
          firstPassages / firstSeconds,
          allPassages - firstPassages,
          secondSeconds,
          (allPassages - firstPassages) / secondSeconds,
          firstLatency[0],
          firstLatency[1],
          secondLatency[0],
          secondLatency[1],
          heap,
          sizeMb(backend.equals("solr") ? work.resolve("solr") : work.resolve("data")));
    } finally {
      if (cloud != null) {
        cloud.close();
      }
    }
  }

  private static int passages(Citebot bot) {
    return bot.sources().stream().mapToInt(ArticleInfo::passages).sum();
  }

  /** p50 and p95 of a warm ask, in ms. */
  private static double[] latencies(Citebot bot, List<String> questions) {
    for (int i = 0; i < WARM_UP; i++) {
      bot.ask(bot.newConversation(), questions.get(i));
    }
    double[] ms = new double[questions.size() - WARM_UP];
    for (int i = WARM_UP; i < questions.size(); i++) {
      long t = System.nanoTime();
      bot.ask(bot.newConversation(), questions.get(i));
      ms[i - WARM_UP] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return new double[] {ms[ms.length / 2], ms[(int) (ms.length * 0.95)]};
  }

  /** The distinct words of the XQuAD English articles. */
  private static List<String> vocabulary() throws IOException {
    TreeSet<String> words = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("eval/xquad/en/corpus"))) {
      for (Path f : files.sorted().toList()) {
        for (String w : Files.readString(f, StandardCharsets.UTF_8).split("[^\\p{L}]+")) {
          if (w.length() > 2) {
            words.add(w.toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
    }
    return new ArrayList<>(words);
  }

  /** Articles {@code from}..{@code to}-1: a title and ten paragraphs of about 500 characters. */
  private static void writeArticles(Path corpus, int from, int to, List<String> words, Random rnd) {
    for (int i = from; i < to; i++) {
      StringBuilder a = new StringBuilder("Article " + i + " about " + pick(words, rnd) + "\n\n");
      for (int p = 0; p < 10; p++) {
        StringBuilder para = new StringBuilder();
        while (para.length() < 500) {
          para.append(sentence(words, rnd, 8 + rnd.nextInt(12))).append(' ');
        }
        a.append(para.toString().strip()).append("\n\n");
      }
      try {
        Files.writeString(corpus.resolve("a%06d.txt".formatted(i)), a, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static List<String> questions(List<String> words, Random rnd) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < QUESTIONS; i++) {
      out.add("What " + sentence(words, rnd, 4 + rnd.nextInt(4)).replace(".", "?"));
    }
    return out;
  }

  /**
   * Words drawn with a skew towards the front of a shuffled list, so some words are common and most
   * are rare, as in text.
   */
  private static String sentence(List<String> words, Random rnd, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : " ").append(pick(words, rnd));
    }
    return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
  }

  private static String pick(List<String> words, Random rnd) {
    double u = rnd.nextDouble();
    return words.get((int) (words.size() * u * u * u));
  }

  private static long sizeMb(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum()
          / (1024 * 1024);
    }
  }

  private ScaleBench() {}
}
