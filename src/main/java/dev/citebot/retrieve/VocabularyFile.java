package dev.citebot.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One lookup file of the bundled vocabulary: a header line {@code # NAME N}, then {@code
 * key<TAB>value} lines sorted by the UTF-8 bytes of their keys. Looked up in place by binary search
 * over the bytes, never decoded whole: a one-shot {@code ask} reads a few of these instead of
 * parsing {@code vocabulary.tsv} (7,400 lines) and building maps of some 100,000 keys, which took
 * about 0.1 s on a cold JVM.
 *
 * <p>The files are generated from {@code vocabulary.tsv} by {@link #main} ({@code
 * tools/vocabulary/build} runs it; a test checks that they match it):
 *
 * <ul>
 *   <li>{@code keys-LANG-written.tsv} and {@code keys-LANG-folded.tsv}: a word's key (see {@link
 *       QueryTranslator}) and the ids of the concepts it names, separated by commas ({@code
 *       1083,2210}); the header gives the most tokens a key has ({@code # longest 6}).
 *   <li>{@code words-LANG.tsv}: a concept's id in five digits and its words, {@code a|b}, as {@code
 *       vocabulary.tsv} lists them; the header gives how many concepts there are.
 * </ul>
 */
final class VocabularyFile {
  static final String LONGEST = "longest";
  static final String CONCEPTS = "concepts";

  private final byte[] text; // UTF-8
  private final String header;
  private final int body; // where the first key line starts

  private VocabularyFile(byte[] text) {
    int newline = next(text, 0);
    if (text.length < 2 || text[0] != '#' || newline == text.length) {
      throw new IllegalStateException("a vocabulary file without its header line");
    }
    this.text = text;
    this.header = new String(text, 0, newline, StandardCharsets.UTF_8);
    this.body = newline + 1;
  }

  /** The file {@code name} in the vocabulary folder of the jar. */
  static VocabularyFile bundled(String name) {
    String resource = "/vocabulary/" + name;
    try (InputStream in = VocabularyFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return new VocabularyFile(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number N of the header {@code # name N}. */
  int header(String name) {
    String prefix = "# " + name + " ";
    if (!header.startsWith(prefix)) {
      throw new IllegalStateException("a vocabulary file whose header is not '" + prefix + "N'");
    }
    return Integer.parseInt(header.substring(prefix.length()).strip());
  }

  /**
   * What a lookup of a key found: its value (null when no line has the key), and whether some key
   * goes on from it with more tokens ("dân" of "dân số").
   */
  record Found(String value, boolean continues) {}

  /** The value of {@code key}, or null when no line has it. */
  String get(String key) {
    return find(key).value();
  }

  /** Looks {@code key} up: one binary search answers both questions of {@link Found}. */
  Found find(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int line = lowerBound(k);
    String value = null;
    if (line < text.length && compare(line, k) == 0) {
      int from = line + k.length + 1; // after the tab
      int end = next(text, from);
      value = new String(text, from, end - from, StandardCharsets.UTF_8);
      line = Math.min(end + 1, text.length);
    }
    // Keys are tokens of letters and digits joined by single spaces, and a space sorts below them:
    // the keys that go on from this one ("dân số") come right after it.
    int space = line + k.length;
    boolean continues =
        space < text.length
            && text[space] == ' '
            && Arrays.equals(text, line, space, k, 0, k.length);
    return new Found(value, continues);
  }

  /** The start of the first line whose key is not below {@code key}, or the file's length. */
  private int lowerBound(byte[] key) {
    int lo = body; // always the start of a line
    int hi = text.length; // likewise, or the end
    while (lo < hi) {
      int line = (lo + hi) >>> 1;
      while (line > lo && text[line - 1] != '\n') {
        line--; // back to the start of the line that holds the middle
      }
      if (compare(line, key) < 0) {
        lo = Math.min(next(text, line) + 1, text.length);
      } else {
        hi = line;
      }
    }
    return lo;
  }

  /** The key of the line at {@code line} against {@code key}, byte by byte, unsigned. */
  private int compare(int line, byte[] key) {
    for (int i = line, k = 0; ; i++, k++) {
      boolean lineKeyEnds = i == text.length || text[i] == '\t' || text[i] == '\n';
      if (lineKeyEnds || k == key.length) {
        return (lineKeyEnds ? 0 : 1) - (k == key.length ? 0 : 1);
      }
      int d = (text[i] & 0xff) - (key[k] & 0xff);
      if (d != 0) {
        return d;
      }
    }
  }

  /** The position of the next newline from {@code from}, or the length. */
  private static int next(byte[] text, int from) {
    int i = from;
    while (i < text.length && text[i] != '\n') {
      i++;
    }
    return i;
  }

  /** The text of a file: the header {@code # name n}, then {@code rows} sorted as looked up. */
  static String text(String name, int n, Map<String, String> rows) {
    List<Map.Entry<String, String>> sorted = new ArrayList<>(rows.entrySet());
    sorted.sort(
        (a, b) ->
            Arrays.compareUnsigned(
                a.getKey().getBytes(StandardCharsets.UTF_8),
                b.getKey().getBytes(StandardCharsets.UTF_8)));
    StringBuilder out = new StringBuilder("# " + name + " " + n + "\n");
    sorted.forEach(e -> out.append(e.getKey()).append('\t').append(e.getValue()).append('\n'));
    return out.toString();
  }

  /** A concept id as the words files write it: five digits, so that bytes sort as numbers. */
  static String id(int concept) {
    if (concept < 0 || concept > 99_999) {
      throw new IllegalArgumentException("a concept id beyond five digits: " + concept);
    }
    String digits = Integer.toString(concept); // not String.format: its first call costs ~5 ms
    return "00000".substring(digits.length()) + digits;
  }

  /**
   * Every lookup file of the vocabulary {@code vocabularyTsv} ({@code english<TAB>norwegian<TAB>
   * vietnamese} a line, words of a cell separated by {@code |}, {@code #} comments), name to text.
   */
  static Map<String, String> generate(String vocabularyTsv) {
    List<String[]> rows = new ArrayList<>();
    for (String line : vocabularyTsv.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != QueryTranslator.COLUMNS.size()) {
        throw new IllegalStateException("vocabulary.tsv: a line without three columns: " + line);
      }
      rows.add(cells);
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (int lang = 0; lang < QueryTranslator.COLUMNS.size(); lang++) {
      String language = QueryTranslator.COLUMNS.get(lang);
      Map<String, List<Integer>> written = new HashMap<>();
      Map<String, List<Integer>> folded = new HashMap<>();
      Map<String, String> words = new HashMap<>();
      int longest = 0;
      for (int id = 0; id < rows.size(); id++) {
        String cell = rows.get(id)[lang];
        words.put(id(id), cell);
        for (String word : cell.split("\\|")) {
          QueryTranslator.Keys keys = QueryTranslator.Keys.of(word);
          if (keys.tokens() == 0) {
            continue;
          }
          longest = Math.max(longest, keys.tokens());
          add(folded, keys.folded(), id);
          // Only an accented text looks in the written keys, and it never equals a word without
          // accents: such a word needs its folded key alone.
          if (!keys.written().equals(keys.folded())) {
            add(written, keys.written(), id);
          }
        }
      }
      files.put(QueryTranslator.keysFile(language, "written"), keysText(longest, written));
      files.put(QueryTranslator.keysFile(language, "folded"), keysText(longest, folded));
      files.put(QueryTranslator.wordsFile(language), text(CONCEPTS, rows.size(), words));
    }
    return files;
  }

  private static void add(Map<String, List<Integer>> keys, String key, int id) {
    List<Integer> ids = keys.computeIfAbsent(key, k -> new ArrayList<>());
    if (ids.isEmpty() || ids.get(ids.size() - 1) != id) {
      ids.add(id);
    }
  }

  private static String keysText(int longest, Map<String, List<Integer>> keys) {
    Map<String, String> rows = new HashMap<>();
    keys.forEach(
        (key, ids) -> rows.put(key, String.join(",", ids.stream().map(String::valueOf).toList())));
    return text(LONGEST, longest, rows);
  }

  /**
   * Writes the lookup files of {@code FOLDER/vocabulary.tsv} into FOLDER. Usage: {@code
   * VocabularyFile FOLDER}.
   */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    String vocabulary = Files.readString(folder.resolve("vocabulary.tsv"), StandardCharsets.UTF_8);
    for (Map.Entry<String, String> f : generate(vocabulary).entrySet()) {
      Files.writeString(folder.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
  }
}
