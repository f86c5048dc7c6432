package dev.citebot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One run of {@link Main#run} in-process: its exit code, standard output and standard error. */
public record CliRun(int code, String out, String err) {

  /**
   * Runs the command line {@code args} with {@code stdin} as input and {@code env} as environment.
   */
  public static CliRun run(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new Main()
            .run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                env);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The last line of stderr: progress lines of indexing come before it. */
  public String error() {
    List<String> lines = err.lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** Standard output read as one JSON value per line. */
  public List<JsonNode> json() {
    ObjectMapper m = new ObjectMapper();
    return out.lines()
        .map(
            l -> {
              try {
                return m.readTree(l);
              } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
              }
            })
        .toList();
  }
}
