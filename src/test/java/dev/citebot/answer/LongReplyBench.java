package dev.citebot.answer;

import dev.citebot.Citebot;
import dev.citebot.TestCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How long llm mode takes, and how much memory, to handle one huge model reply (issue 10, item 8):
 * the stub answers with {@code MB} megabytes of validly cited Vietnamese sentences. Run by
 * bench/long-reply; prints one line per mode (answer, streamed answer) with the time, the mode of
 * the answer shown, its length, and the process's peak RSS so far (VmHWM), then the time of the
 * citation check alone on uncut replies of growing size. A second argument {@code check-only} skips
 * the two answers.
 */
public final class LongReplyBench {
  private LongReplyBench() {}

  public static void main(String[] args) throws Exception {
    double mb = args.length > 0 ? Double.parseDouble(args[0]) : 4.5;
    Path dir = Files.createTempDirectory("citebot-long-reply");
    try (OpenAiStub stub = new OpenAiStub()) {
      Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
      String sentence =
          "Hai bên đã ký Thỏa thuận hợp tác giữa Bộ Ngoại giao hai nước và Bản ghi nhớ hợp tác"
              + " về y tế và khoa học y học [%d]. ";
      stub.answer(
          r -> {
            if (r.isRewrite()) {
              return OpenAiStub.standaloneAsIs(r.tagged("question"));
            }
            int n = Math.max(1, r.passageContaining("Bản ghi nhớ hợp tác về y tế"));
            String one = sentence.formatted(n);
            int times = (int) (mb * 1_000_000 / one.getBytes().length);
            return OpenAiStub.text(one.repeat(times));
          });
      try (Citebot bot =
          Citebot.open(
              TestCorpus.config(
                  corpus,
                  dir.resolve("data"),
                  Map.of(
                      "CITEBOT_ANSWER_MODE", "llm",
                      "CITEBOT_LLM_BASE_URL", stub.baseUrl(),
                      "CITEBOT_LLM_TIMEOUT", "300s",
                      "CITEBOT_RETRIEVE_TOP_K", "3")),
              false,
              line -> {})) {
        String q = "Việt Nam và Triều Tiên đã ký những văn kiện hợp tác nào tại Bình Nhưỡng?";
        System.out.printf("reply: %.1f MB of cited sentences; peak RSS before: %d MB%n", mb, rss());
        boolean checkOnly = args.length > 1 && args[1].equals("check-only");
        for (boolean streamed : checkOnly ? new boolean[0] : new boolean[] {false, true}) {
          long t0 = System.nanoTime();
          Answer a =
              streamed
                  ? bot.ask(bot.newConversation(), q, piece -> {})
                  : bot.ask(bot.newConversation(), q);
          long ms = (System.nanoTime() - t0) / 1_000_000;
          System.out.printf(
              "%-8s %7d ms  mode=%s grounded=%s answer=%d chars  peak RSS %d MB%n",
              streamed ? "stream" : "answer", ms, a.mode(), a.grounded(), a.text().length(), rss());
        }
        // The check alone on uncut replies of growing size: linear time means the time per MB stays
        // the same as the reply grows.
        var passages = bot.retrieve(q).passages();
        AnswerRequest request = new AnswerRequest(q, q, "vi", passages, bot.newConversation());
        int n = 1;
        for (int i = 0; i < passages.size(); i++) {
          if (passages.get(i).indexed().passage().text().contains("Bản ghi nhớ hợp tác về y tế")) {
            n = i + 1;
          }
        }
        String one = sentence.formatted(n);
        CitationChecker checker = new CitationChecker();
        for (double size : new double[] {0.5, 1, 2, mb}) {
          String reply = one.repeat((int) (size * 1_000_000 / one.getBytes().length));
          long t0 = System.nanoTime();
          Object result = checker.check(reply, request);
          long ms = (System.nanoTime() - t0) / 1_000_000;
          System.out.printf(
              "check    %7d ms  %.1f MB uncut reply -> %s  peak RSS %d MB%n",
              ms, size, result.getClass().getSimpleName(), rss());
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Peak resident set size of this process in MB (Linux), or -1. */
  private static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return -1;
  }
}
