package dev.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console chat's line history: kept where chat.history-file says, or nowhere. */
class ChatHistoryTest {
  @TempDir Path dir;

  private void type(Path history, String lines) throws Exception {
    try (Terminal terminal =
        new DumbTerminal(
            new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream())) {
      LineReader reader = ChatCommand.lineReader(terminal, history);
      for (int i = 0; i < lines.lines().count(); i++) {
        reader.readLine("? ");
      }
      reader.getHistory().save();
    }
  }

  @Test
  void typedLinesGoToTheConfiguredFile() throws Exception {
    Path history = dir.resolve("sub").resolve("questions");
    type(history, "Who is Tô Lâm?\n");
    assertThat(Files.readString(history, StandardCharsets.UTF_8)).contains("Who is Tô Lâm?");
  }

  @Test
  void anEmptySettingKeepsNothingOnDisk() throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    type(null, "A private question\n");
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files).containsExactly(dir);
    }
    assertThat(cwd.resolve("data").resolve("chat-history")).doesNotExist();
  }
}
