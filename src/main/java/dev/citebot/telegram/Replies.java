package dev.citebot.telegram;

import dev.citebot.Citebot;
import dev.citebot.EngineUnavailableException;
import dev.citebot.Excerpt;
import dev.citebot.LineReference;
import dev.citebot.answer.Answer;
import dev.citebot.answer.BadQuestionException;
import dev.citebot.answer.Citation;
import dev.citebot.render.TelegramRenderer;
import dev.citebot.session.ChatSessions;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The work behind each kind of message: answering a question, the commands, a pressed source
 * button. Runs on the chat's queue (see {@link ChatSessions}); never throws, so one bad update
 * cannot stop the bot.
 */
final class Replies {
  private static final Logger log = LoggerFactory.getLogger(Replies.class);

  /** Characters of article text one /show prints at most (about two messages). */
  static final int SHOW_CHARS = 7000;

  /** Articles /sources lists at most. */
  static final int SOURCES_LISTED = 50;

  static final String NOT_TEXT = "I can only read text messages. Please type your question.";
  static final String UNKNOWN_COMMAND = "I don't know that command. /help lists what I can do.";
  static final String UNAVAILABLE =
      "The articles cannot be searched right now. Please try again in a minute.";
  static final String FAILED =
      "Sorry, something went wrong while answering. Please try again later.";

  private final Citebot engine;
  private final ChatSessions sessions;
  private final Outbox outbox;
  private final TelegramRenderer renderer;
  private final CitationCache citations;
  private final int maxQuestionChars;
  private final String botUsername;
  private final Redactor redactor;

  Replies(
      Citebot engine,
      ChatSessions sessions,
      Outbox outbox,
      TelegramRenderer renderer,
      CitationCache citations,
      int maxQuestionChars,
      String botUsername,
      Redactor redactor) {
    this.engine = engine;
    this.sessions = sessions;
    this.outbox = outbox;
    this.renderer = renderer;
    this.citations = citations;
    this.maxQuestionChars = maxQuestionChars;
    this.botUsername = botUsername;
    this.redactor = redactor;
  }

  /** Answers {@code question} in the chat's conversation, with one button per citation. */
  void question(Outbox.Target to, String question) {
    safely(
        to,
        () -> {
          String q = question.strip();
          if (q.isEmpty()) {
            outbox.sendText(to, "Please write a question after the command, e.g. /ask Who signed?");
            return;
          }
          if (q.length() > maxQuestionChars) {
            outbox.sendText(
                to,
                "Please keep questions to %d characters or fewer (this one has %d)."
                    .formatted(maxQuestionChars, q.length()));
            return;
          }
          Citebot.Versioned versioned;
          try (AutoCloseable typing = outbox.typing(to)) {
            versioned = engine.askVersioned(sessions.conversation(to.chatId()), q);
          } catch (BadQuestionException e) {
            outbox.sendText(to, e.getMessage());
            return;
          }
          Answer answer = versioned.answer();
          Integer last =
              outbox.sendHtml(to, renderer.answer(answer), buttons(answer, versioned.versions()));
          if (last != null && !answer.citations().isEmpty()) {
            citations.put(to.chatId(), last, answer.citations(), versioned.versions());
          }
        });
  }

  /** A pressed source button: the cited passage, replying to the answer it belongs to. */
  void passage(Outbox.Target to, String callbackId, int answerMessageId, String data) {
    safely(
        to,
        () -> {
          Optional<CallbackData> parsed = CallbackData.parse(data);
          Optional<CitationCache.Cached> cached =
              parsed.flatMap(d -> citations.get(to.chatId(), answerMessageId, d.n()));
          Citation c =
              cached
                  .map(CitationCache.Cached::citation)
                  .orElseGet(
                      () ->
                          parsed
                              .filter(CallbackData::hasLocation)
                              .map(
                                  d ->
                                      new Citation(
                                          d.n(), d.file(), "", "", d.from(), d.to(), "", 0))
                              .orElse(null));
          if (c == null) {
            outbox.answerCallback(
                callbackId, "That answer is too old to show its sources; please ask again.");
            return;
          }
          // The file as the answer quoted it: an edited file's lines would be other text.
          String version =
              cached
                  .map(CitationCache.Cached::version)
                  .or(() -> parsed.map(CallbackData::version).filter(v -> !v.isEmpty()))
                  .orElse(null);
          Excerpt lines;
          try {
            lines = engine.show(c.file(), c.firstLine(), c.lastLine(), version);
          } catch (FileNotFoundException e) {
            outbox.answerCallback(callbackId, e.getMessage());
            return;
          }
          if (c.title().isEmpty()) {
            var a = lines.article();
            c =
                new Citation(
                    c.n(), c.file(), a.title(), a.sourceUrl(), c.firstLine(), c.lastLine(), "", 0);
          }
          outbox.answerCallback(callbackId, null);
          outbox.sendHtml(to.replyingTo(answerMessageId), renderer.passage(c, lines), null);
        });
  }

  void help(Outbox.Target to) {
    safely(to, () -> outbox.sendHtml(to, renderer.help(engine.sources(), botUsername), null));
  }

  void sources(Outbox.Target to) {
    safely(to, () -> outbox.sendHtml(to, renderer.sources(engine.sources(), SOURCES_LISTED), null));
  }

  /** /show FILE[:FROM[-TO]]. */
  void show(Outbox.Target to, String args) {
    safely(
        to,
        () -> {
          // Not stripped inside: a file name may end in a space or hold a newline.
          Optional<LineReference> ref = LineReference.parse(args.strip());
          if (ref.isEmpty()) {
            outbox.sendText(
                to, "Show lines like this: /show FILE:FROM-TO, e.g. /show article.txt:3-9");
            return;
          }
          try {
            LineReference r = ref.get();
            Excerpt e = engine.show(r.file(), r.from(), r.to());
            outbox.sendHtml(to, renderer.excerpt(e, SHOW_CHARS), null);
          } catch (FileNotFoundException e) {
            outbox.sendText(to, e.getMessage() + " /sources lists the articles.");
          }
        });
  }

  void newConversation(Outbox.Target to) {
    safely(
        to,
        () -> {
          sessions.conversation(to.chatId()).clear();
          outbox.sendText(to, "Started a new conversation: earlier questions are forgotten.");
        });
  }

  /** A short notice in plain text. */
  void notice(Outbox.Target to, String text) {
    safely(to, () -> outbox.sendText(to, text));
  }

  /** Answers a pressed button with a short notice instead of a passage. */
  void callbackNotice(String callbackId, String text) {
    try {
      outbox.answerCallback(callbackId, text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private InlineKeyboardMarkup buttons(Answer answer, Map<String, String> versions) {
    if (answer.citations().isEmpty()) {
      return null;
    }
    List<InlineKeyboardRow> rows = new ArrayList<>();
    for (Citation c : answer.citations()) {
      rows.add(
          new InlineKeyboardRow(
              InlineKeyboardButton.builder()
                  .text(renderer.buttonLabel(c))
                  .callbackData(CallbackData.of(c, versions.get(c.file())))
                  .build()));
    }
    return InlineKeyboardMarkup.builder().keyboard(rows).build();
  }

  private interface Work {
    void run() throws Exception;
  }

  /** Runs {@code work}; on an unexpected error logs it and tells the chat something went wrong. */
  private void safely(Outbox.Target to, Work work) {
    try {
      work.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TelegramApiException e) {
      log.warn("Could not reply in a chat: {}", redactor.describe(e));
    } catch (EngineUnavailableException e) {
      log.warn(e.getMessage()); // the bot goes on; it answers again when the index is back
      try {
        outbox.sendText(to, UNAVAILABLE);
      } catch (TelegramApiException | InterruptedException | RuntimeException again) {
        log.warn("Could not tell the chat: {}", redactor.describe(again));
      }
    } catch (IOException | RuntimeException e) {
      log.error("Answering failed: {}", redactor.stackTrace(e));
      try {
        outbox.sendText(to, FAILED);
      } catch (TelegramApiException | InterruptedException | RuntimeException again) {
        log.warn("Could not tell the chat: {}", redactor.describe(again));
      }
    } catch (Exception e) {
      log.error("Answering failed: {}", redactor.stackTrace(e));
    }
  }
}
