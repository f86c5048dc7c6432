package dev.citebot.ingest;

import dev.citebot.config.CitebotConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads one file of the corpus into an {@link Article}: decode, clean, detect the language, split
 * into sentences, chunk into passages, find the metadata.
 *
 * <p>Offsets refer to the decoded text of the file with a leading byte-order mark removed (see
 * {@link #citableText}); line numbers are those of the file. One reader can be shared by threads.
 */
public final class ArticleReader {
  private final CitebotConfig.Ingest settings;
  private final LanguageDetector languages;
  private final BoilerplateCleaner cleaner = new BoilerplateCleaner();
  private final SentenceSplitter splitter = new SentenceSplitter();
  private final MetadataExtractor metadata = new MetadataExtractor();
  private final PassageChunker chunker;

  /** Loads its own language detector (slow: build one reader per run, or share a detector). */
  public ArticleReader(CitebotConfig.Ingest settings) {
    this(settings, new LanguageDetector());
  }

  public ArticleReader(CitebotConfig.Ingest settings, LanguageDetector languages) {
    this.settings = settings;
    this.languages = languages;
    this.chunker = new PassageChunker(settings.passageChars(), settings.passageOverlap());
  }

  public Article read(Path corpusRoot, Path file) throws UnreadableFileException {
    String name = relativeName(corpusRoot, file);
    byte[] bytes = readBytes(file, name);
    String decoded = decode(name, bytes);
    String text = decoded;
    List<TextSpan> lines;
    String htmlTitle = "";
    String htmlUrl = "";
    String htmlDate = "";
    if (isHtml(name)) {
      HtmlText.Extracted html = HtmlText.extract(decoded);
      text = html.masked();
      lines = html.blocks();
      htmlTitle = html.title();
      htmlUrl = html.sourceUrl();
      htmlDate = html.date();
    } else if (MarkdownText.isMarkdown(name)) {
      lines = MarkdownText.blocks(decoded);
    } else {
      lines = new ArrayList<>();
      for (LineIndex.Line line : new LineIndex(decoded).lines()) {
        lines.add(new TextSpan(line.start(), line.end()));
      }
    }
    LineIndex index = new LineIndex(text);
    BoilerplateCleaner.Cleaned cleaned = cleaner.clean(text, lines);
    String language = languages.detect(contentSample(text, cleaned.content()));
    List<Sentence> sentences = splitter.split(text, cleaned.content(), language, index);
    MetadataExtractor.Metadata meta = metadata.extract(text, lines, cleaned, sentences, name);
    String title = cleaned.headline().isEmpty() && !htmlTitle.isEmpty() ? htmlTitle : meta.title();
    return new Article(
        name,
        title,
        meta.sourceUrl().isEmpty() ? htmlUrl : meta.sourceUrl(),
        meta.date().isEmpty() ? htmlDate : meta.date(),
        language,
        sha256(bytes),
        chunker.chunk(name, sentences));
  }

  /**
   * The text that an article's offsets index: the strictly decoded UTF-8 text, leading BOM removed
   * (for HTML, {@link HtmlText#extract} of it). Other components use this to show cited lines.
   */
  public static String citableText(String name, byte[] bytes) throws UnreadableFileException {
    String decoded = decode(name, bytes);
    return isHtml(name) ? HtmlText.extract(decoded).masked() : decoded;
  }

  static boolean isHtml(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".html") || lower.endsWith(".htm");
  }

  private byte[] readBytes(Path file, String name) throws UnreadableFileException {
    try {
      long size = Files.size(file);
      if (size > settings.maxFileBytes()) {
        throw new UnreadableFileException(
            name, "larger than the " + humanSize(settings.maxFileBytes()) + " limit");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UnreadableFileException(name, "missing");
    } catch (IOException e) {
      throw new UnreadableFileException(name, "unreadable (" + e.getMessage() + ")");
    }
  }

  /** Strict UTF-8: a wrong encoding must be reported, not turned into replacement characters. */
  static String decode(String name, byte[] bytes) throws UnreadableFileException {
    for (byte b : bytes) {
      if (b == 0) {
        throw new UnreadableFileException(name, "not a text file (binary content)");
      }
    }
    int skip =
        bytes.length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
    } catch (CharacterCodingException e) {
      throw new UnreadableFileException(name, "not valid UTF-8");
    }
  }

  static String relativeName(Path corpusRoot, Path file) {
    Path rel;
    try {
      rel = corpusRoot.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    } catch (IllegalArgumentException e) {
      rel = file.getFileName();
    }
    return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
  }

  static String humanSize(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KB";
    }
    return bytes + " bytes";
  }

  private static String contentSample(String text, List<TextSpan> content) {
    StringBuilder sb = new StringBuilder();
    for (TextSpan s : content) {
      if (sb.length() > 5000) {
        break;
      }
      sb.append(s.of(text)).append('\n');
    }
    return sb.toString();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
