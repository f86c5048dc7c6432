package dev.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code import dev.citebot...} of the main code follows the package table of DESIGN.md: a
 * package uses what its row's "may use" column names and, through those, what their rows name (the
 * root's row is not followed); the front ends (cli, telegram, server) also use the facade of the
 * root.
 */
class PackageTableTest {
  private static final String ROOT = "(root)";
  private static final Set<String> FRONT_ENDS = Set.of("cli", "telegram", "server");
  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z.]+)`[^|]*\\|[^|]*\\| ([^|]+) \\|$");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.citebot\\.([a-zA-Z]+)", Pattern.MULTILINE);

  @Test
  void importsFollowThePackageTableOfTheDesign() throws IOException {
    Map<String, Set<String>> mayUse = table();
    assertThat(mayUse).containsKeys("index", "solr", "analysis", "rank", ROOT);
    Path src = Path.of("src/main/java/dev/citebot");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(src)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path rel = src.relativize(file);
        String pkg = rel.getNameCount() == 1 ? ROOT : rel.getName(0).toString();
        assertThat(mayUse).as("DESIGN.md has a row for package %s", pkg).containsKey(pkg);
        Set<String> allowed = closure(pkg, mayUse);
        Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          String first = m.group(1);
          String used = Character.isUpperCase(first.charAt(0)) ? ROOT : first;
          if (!used.equals(pkg) && !allowed.contains(used)) {
            violations.add(rel + " uses " + used);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /** What a package may use: its row and, transitively, the rows of what it names. */
  private static Set<String> closure(String pkg, Map<String, Set<String>> mayUse) {
    Set<String> out = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(mayUse.get(pkg));
    if (FRONT_ENDS.contains(pkg)) {
      todo.add(ROOT);
    }
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (out.add(next) && !next.equals(ROOT)) {
        todo.addAll(mayUse.getOrDefault(next, Set.of()));
      }
    }
    return out;
  }

  /** The package table of DESIGN.md: package -> the packages its row names. */
  private static Map<String, Set<String>> table() throws IOException {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("DESIGN.md"), StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String pkg = m.group(1).equals("dev.citebot") ? ROOT : m.group(1);
      String use = m.group(2).strip();
      Set<String> names = new HashSet<>();
      if (use.startsWith("all of the above but the front ends")) {
        out.keySet().stream().filter(p -> !FRONT_ENDS.contains(p)).forEach(names::add);
      } else if (!use.startsWith("nothing")) {
        for (String part : use.split(",")) {
          String name = part.strip().split("[ (]")[0];
          names.add(name.equals("dev.citebot") ? ROOT : name);
        }
      }
      out.put(pkg, names);
    }
    return out;
  }
}
