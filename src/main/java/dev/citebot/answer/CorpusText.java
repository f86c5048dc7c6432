package dev.citebot.answer;

import dev.citebot.ingest.ArticleReader;
import dev.citebot.ingest.CorpusFiles;
import dev.citebot.ingest.UnreadableFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A corpus file's text as its sentence offsets index it: what a quote spanning several sentences is
 * cut from (the file's own text between them included, so it stays verbatim).
 */
final class CorpusText {
  /** Files larger than this are not read again to quote several sentences. */
  private static final long MAX_QUOTED_FILE_BYTES = 16L << 20;

  private CorpusText() {}

  /** The citable text of {@code file} under {@code corpus}, or null when it cannot be read. */
  static String of(Path corpus, String file) {
    try {
      Path path = CorpusFiles.inside(corpus, file);
      if (Files.size(path) > MAX_QUOTED_FILE_BYTES) {
        return null;
      }
      return ArticleReader.citableText(file, Files.readAllBytes(path));
    } catch (IOException | UnreadableFileException | RuntimeException e) {
      return null;
    }
  }
}
