package dev.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFilesTest {
  @TempDir Path dir;

  @Test
  void listsSupportedFilesRecursivelyInStableOrder() throws Exception {
    Verbatim.write(dir, "b.txt", "b");
    Verbatim.write(dir, "a/z.md", "z");
    Verbatim.write(dir, "a/page.HTML", "p");
    Verbatim.write(dir, "c.pdf", "c");
    Verbatim.write(dir, ".hidden.txt", "h");
    Verbatim.write(dir, ".git/config.txt", "g");
    CorpusFiles.Listing listing = CorpusFiles.list(dir);
    assertThat(listing.files())
        .extracting(p -> CorpusFiles.relative(dir, p))
        .containsExactly("a/page.HTML", "a/z.md", "b.txt");
    assertThat(listing.skipped())
        .extracting(p -> CorpusFiles.relative(dir, p))
        .containsExactly("c.pdf");
  }

  @Test
  void aFolderThatIsALinkListsWhatItLeadsToUnderItsOwnName() throws Exception {
    Path articles = dir.resolve("articles");
    Verbatim.write(articles, "a.txt", "a");
    Verbatim.write(articles, "sub/b.md", "b");
    Path link = Files.createSymbolicLink(dir.resolve("seeds"), articles);
    assertThat(CorpusFiles.list(link).files())
        .containsExactly(link.resolve("a.txt"), link.resolve("sub/b.md"));
  }

  @Test
  void aMissingFolderOrAFileIsOneClearError() throws Exception {
    assertThatThrownBy(() -> CorpusFiles.list(dir.resolve("nope")))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageEndingWith("does not exist.");
    Path file = Verbatim.write(dir, "f.txt", "x");
    assertThatThrownBy(() -> CorpusFiles.list(file))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageEndingWith("is not a folder.");
  }
}
