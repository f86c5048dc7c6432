package dev.citebot.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One language's word keys of the vocabulary (written or folded, see {@link QueryTranslator}) with
 * the concepts each names, as a sorted text file: {@code key<TAB>id,id} a line, after a first line
 * {@code # longest N} (the most tokens a key has). Looked up by binary search in the file's text,
 * so a one-shot {@code ask} reads three files instead of building maps of some 100,000 keys (about
 * 0.1 s on a cold JVM). The files are generated from {@code vocabulary.tsv} by {@link #main}
 * ({@code tools/vocabulary/build} runs it); a test checks that they match it.
 */
final class VocabularyKeys {
  private final String text;
  private final int[] starts; // where each key line starts
  private final int longest;

  private VocabularyKeys(String text) {
    int header = text.indexOf('\n');
    if (!text.startsWith("# longest ") || header < 0) {
      throw new IllegalStateException("a vocabulary keys file without its header");
    }
    this.text = text;
    this.longest = Integer.parseInt(text.substring("# longest ".length(), header));
    int n = 0;
    for (int at = text.indexOf('\n', header + 1); at >= 0; at = text.indexOf('\n', at + 1)) {
      n++; // each key line ends with a newline
    }
    this.starts = new int[n];
    for (int i = 0, at = header + 1; i < n; i++, at = text.indexOf('\n', at) + 1) {
      starts[i] = at;
    }
  }

  /** The keys file {@code name} in the vocabulary folder of the jar. */
  static VocabularyKeys bundled(String name) {
    String resource = "/vocabulary/" + name;
    try (InputStream in = VocabularyKeys.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return new VocabularyKeys(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's text for {@code keys} (key to concept ids). */
  static String text(Map<String, int[]> keys) {
    StringBuilder out = new StringBuilder();
    int longest = 0;
    for (Map.Entry<String, int[]> e : new TreeMap<>(keys).entrySet()) {
      longest = Math.max(longest, (int) e.getKey().chars().filter(c -> c == ' ').count() + 1);
      out.append(e.getKey()).append('\t');
      int[] ids = e.getValue();
      for (int i = 0; i < ids.length; i++) {
        out.append(i == 0 ? "" : ",").append(ids[i]);
      }
      out.append('\n');
    }
    return "# longest " + longest + "\n" + out;
  }

  /** The most tokens a key has. */
  int longest() {
    return longest;
  }

  /** The concept ids of {@code key}, or null when no word has it. */
  int[] get(String key) {
    int i = lowerBound(key);
    if (i == starts.length || compare(i, key) != 0) {
      return null;
    }
    int tab = text.indexOf('\t', starts[i]);
    int end = text.indexOf('\n', tab);
    String[] ids = text.substring(tab + 1, end < 0 ? text.length() : end).split(",");
    int[] out = new int[ids.length];
    for (int j = 0; j < ids.length; j++) {
      out[j] = Integer.parseInt(ids[j]);
    }
    return out;
  }

  /** Whether some key goes on after {@code key} with more tokens ("dân" of "dân số"). */
  boolean continues(String key) {
    String next = key + " ";
    int i = lowerBound(next);
    return i < starts.length && text.startsWith(next, starts[i]);
  }

  /** The first line whose key is not below {@code key}. */
  private int lowerBound(String key) {
    int lo = 0;
    int hi = starts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(mid, key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The key of line {@code i} against {@code key}, as {@link String#compareTo} orders them. */
  private int compare(int i, String key) {
    int at = starts[i];
    int tab = text.indexOf('\t', at);
    int n = Math.min(tab - at, key.length());
    for (int k = 0; k < n; k++) {
      int d = text.charAt(at + k) - key.charAt(k);
      if (d != 0) {
        return d;
      }
    }
    return (tab - at) - key.length();
  }

  /**
   * Writes the keys files of {@code vocabulary.tsv} into its folder: {@code keys-LANG-written.tsv}
   * and {@code keys-LANG-folded.tsv} for each language. Usage: {@code VocabularyKeys FOLDER}.
   */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    QueryTranslator vocabulary =
        QueryTranslator.parse(
            Files.readString(folder.resolve("vocabulary.tsv"), StandardCharsets.UTF_8));
    for (String language : QueryTranslator.COLUMNS) {
      for (Map.Entry<String, String> f : vocabulary.keyFiles(language).entrySet()) {
        Files.writeString(folder.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      }
    }
  }
}
