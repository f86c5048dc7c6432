package dev.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.TestCorpus;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code citebot serve} as a command: it serves until stopped; a port in use is one sentence. */
class ServeCommandTest {
  @TempDir Path dir;

  Map<String, String> env() {
    Path corpus = dir.resolve("seeds");
    if (!java.nio.file.Files.isDirectory(corpus)) {
      TestCorpus.seeds(corpus);
    }
    return Map.of(
        "CITEBOT_CORPUS", corpus.toString(),
        "CITEBOT_INDEX_DIR", dir.resolve("data").toString(),
        "CITEBOT_SERVER_API_KEY", "never-printed-key");
  }

  @Test
  void aPortInUseIsOneSentenceAndExit1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliRun run = CliRun.run(env(), "", "serve", "--port", String.valueOf(port));
      assertThat(run.code()).isEqualTo(Main.FAILED);
      assertThat(run.error())
          .isEqualTo(
              "Could not listen on 127.0.0.1 port "
                  + port
                  + ": Address already in use (is another program using it? Choose another with"
                  + " --port).");
      assertThat(run.err()).doesNotContain("never-printed-key").doesNotContain("Exception");
    }
    // 192.0.2.1 is a documentation address, never one of this machine.
    Map<String, String> elsewhere = new java.util.HashMap<>(env());
    elsewhere.put("CITEBOT_SERVER_BIND", "192.0.2.1");
    CliRun notHere = CliRun.run(elsewhere, "", "serve", "--port", "8080");
    assertThat(notHere.code()).isEqualTo(Main.FAILED);
    assertThat(notHere.error())
        .startsWith("Could not listen on 192.0.2.1 port 8080: ")
        .endsWith(" (is 192.0.2.1 an address of this machine? See server.bind).");
    CliRun bad = CliRun.run(env(), "", "serve", "--port", "70000");
    assertThat(bad.code()).isEqualTo(Main.USAGE);
    assertThat(bad.error()).isEqualTo("--port must be from 0 to 65535, not 70000.");
  }

  @Test
  void servesUntilStoppedAndNeverPrintsTheKey() throws Exception {
    Map<String, String> env = env();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread serving =
        new Thread(
            () ->
                code.set(
                    new Main()
                        .run(
                            new String[] {"serve", "--port", "0"},
                            new ByteArrayInputStream(new byte[0]),
                            new PrintWriter(new StringWriter(), true),
                            new PrintWriter(err, true),
                            env)));
    serving.start();
    Pattern started = Pattern.compile("citebot serves http://127\\.0\\.0\\.1:(\\d+)/ \\(");
    Matcher m = started.matcher("");
    for (int i = 0; i < 600 && !(m = started.matcher(err.toString())).find(); i++) {
      Thread.sleep(50);
    }
    assertThat(m.find(0)).as(err.toString()).isTrue();
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/api/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    serving.interrupt();
    serving.join(30_000);
    assertThat(code.get()).isEqualTo(Main.OK);
    assertThat(err.toString())
        .contains("5 articles, API key required")
        .doesNotContain("never-printed-key");
  }
}
