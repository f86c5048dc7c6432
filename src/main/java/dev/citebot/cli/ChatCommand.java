package dev.citebot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citebot.Citebot;
import dev.citebot.answer.BadQuestionException;
import dev.citebot.answer.Conversation;
import dev.citebot.render.JsonRenderer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "chat",
    description = {
      "A conversation: follow-up questions keep their context.",
      "/new forgets the conversation, /quit ends it.",
      "With --json and a non-terminal stdin, reads one JSON object per turn: {\"question\": \"...\"}."
    })
final class ChatCommand implements Callable<Integer> {
  private final Session session;
  // Created on the first JSON turn: picocli builds every command on start, and a mapper costs
  // about 300 classes (some 0.05 s) that a plain `ask` must not pay.
  private ObjectMapper mapper;

  @Mixin CommonOptions common;

  @Option(names = "--json", description = "Print one JSON record per turn.")
  boolean json;

  ChatCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    try (Citebot bot = common.open(session, false)) {
      Conversation conversation = bot.newConversation();
      boolean terminal = System.console() != null && session.in() == System.in;
      return terminal ? interactive(bot, conversation) : piped(bot, conversation);
    }
  }

  /** A person at a terminal: line editing, and a history in chat.history-file unless it is off. */
  private int interactive(Citebot bot, Conversation conversation) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      Path history = bot.config().chat().historyFile();
      LineReader reader = lineReader(terminal, history);
      session.out().println("Ask about the articles. /new starts over, /quit ends.");
      session
          .out()
          .println(
              history == null
                  ? "Lines typed are not kept (chat.history-file is empty)."
                  : "Lines typed are kept in " + history + " (setting chat.history-file).");
      while (true) {
        String line;
        try {
          line = reader.readLine("? ");
        } catch (UserInterruptException | EndOfFileException e) {
          return Main.OK;
        }
        if (!turn(bot, conversation, line)) {
          return Main.OK;
        }
      }
    }
  }

  /**
   * A line reader on {@code terminal} that keeps typed lines in {@code history}, or (null) only in
   * memory: questions can be private, so keeping them on disk is a setting that can be turned off.
   */
  static LineReader lineReader(Terminal terminal, Path history) throws IOException {
    LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal);
    if (history != null) {
      Path parent = history.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      builder.variable(LineReader.HISTORY_FILE, history);
    } // without the variable, jline keeps the history in memory only
    return builder.build();
  }

  /** A script or a test: one turn per line, plain text or (with --json) a JSON object. */
  private int piped(Citebot bot, Conversation conversation) throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(session.in(), StandardCharsets.UTF_8));
    for (String line; (line = lines.readLine()) != null; ) {
      String question = json ? questionOf(line) : line;
      if (question == null) {
        session.err().println("Skipping a turn that is not a JSON object with a \"question\".");
        continue;
      }
      if (!turn(bot, conversation, question)) {
        break;
      }
    }
    return Main.OK;
  }

  private String questionOf(String line) {
    try {
      if (mapper == null) {
        mapper = new ObjectMapper();
      }
      JsonNode node = mapper.readTree(line);
      return node != null && node.path("question").isTextual()
          ? node.get("question").asText()
          : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Handles one line; false when the user asked to stop. */
  private boolean turn(Citebot bot, Conversation conversation, String line) {
    String command = line.strip();
    if (command.equals("/quit") || command.equals("/exit")) {
      return false;
    }
    if (command.equals("/new")) {
      conversation.clear();
      session.out().println(json ? "{\"new\":true}" : "(new conversation)");
      return true;
    }
    if (command.isEmpty() && !json) {
      return true;
    }
    try {
      if (json) {
        session.out().print(new JsonRenderer().render(bot.ask(conversation, line)) + "\n");
      } else {
        StreamingAsk.ask(bot, conversation, line, session.out());
        session.out().print("\n");
      }
    } catch (BadQuestionException e) {
      session.out().println(json ? new JsonRenderer().error(line, e.getMessage()) : e.getMessage());
    }
    session.out().flush();
    return true;
  }
}
