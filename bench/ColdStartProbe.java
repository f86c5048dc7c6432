import dev.citebot.Citebot;
import dev.citebot.answer.Answer;
import dev.citebot.config.CitebotConfig;
import dev.citebot.config.ConfigLoader;
import dev.citebot.index.CorpusIndex;
import dev.citebot.index.PassageIndex;
import dev.citebot.index.PassageEmbedder;
import dev.citebot.ingest.ArticleReader;
import dev.citebot.ingest.LanguageDetector;
import dev.citebot.render.ConsoleRenderer;
import java.nio.file.Path;

/**
 * Where a cold one-shot ask spends its time: each phase of Citebot.open + ask, run in the order
 * the CLI runs them, timed with nanoTime. Between phases it loads a marker class (ColdStartProbe$MN)
 * so a -Xlog:class+load log can be split per phase (bench/cold-start does that).
 * Usage: java -cp target/citebot.jar:CLASSES ColdStartProbe "question"   (CITEBOT_INDEX_DIR set).
 */
public final class ColdStartProbe {
  static final class M1 {}
  static final class M2 {}
  static final class M3 {}
  static final class M4 {}
  static final class M5 {}
  static final class M6 {}
  static final class M7 {}
  static final class M8 {}

  private static long last = System.nanoTime();

  private static void phase(String name, Class<?> marker) {
    long now = System.nanoTime();
    System.out.printf("%-52s %7.0f ms  (marker %s)%n", name, (now - last) / 1e6, marker.getSimpleName());
    last = System.nanoTime();
  }

  public static void main(String[] args) throws Exception {
    long jvmStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    System.out.printf("%-52s %7d ms%n", "JVM start -> main (wall clock, 10 ms resolution)",
        System.currentTimeMillis() - jvmStart);
    last = System.nanoTime();
    String question = args.length > 0 ? args[0] : "When did Vietnam and the DPRK establish diplomatic relations?";
    CitebotConfig config = new ConfigLoader(System.getenv()).load(null);
    phase("config: ConfigLoader.load (Jackson YAML)", M1.class);
    PassageEmbedder embedder = null;
    if (config.retrieve().vectors()) {
      embedder = new PassageEmbedder(config.indexDir().resolve("native"));
      phase("PassageEmbedder (MiniLM ONNX + DJL tokenizer)", M2.class);
    }
    LanguageDetector languages = new LanguageDetector();
    phase("LanguageDetector construction (22 profiles)", M3.class);
    PassageIndex index = CorpusIndex.open(config.corpus(), config.indexDir(),
        new ArticleReader(config.ingest(), languages), embedder, false, System.err::println);
    phase("CorpusIndex.open (manifest check + Lucene open)", M4.class);
    index.close();
    phase("close that index", M5.class);
    Citebot bot = Citebot.open(config, false, System.err::println);
    phase("Citebot.open again (2nd detector, reopen, wiring)", M6.class);
    Answer a = bot.ask(bot.newConversation(), question);
    phase("first ask (retrieve " + a.timings().retrieveMs() + " ms + answer " + a.timings().answerMs() + " ms)", M7.class);
    String text = new ConsoleRenderer().render(a);
    phase("render (" + text.length() + " chars)", M8.class);
    Answer b = bot.ask(bot.newConversation(), question);
    phase("second ask, same question (total " + b.timings().totalMs() + " ms)", M1.class);
    bot.close();
  }
}
