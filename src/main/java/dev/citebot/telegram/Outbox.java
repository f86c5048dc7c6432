package dev.citebot.telegram;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Everything the bot sends: HTML messages split to Telegram's limit, chat actions, callbacks. */
final class Outbox {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  /** Telegram shows "typing…" for 5 seconds; renew it a little before. */
  private static final long TYPING_RENEW_MS = 4_500;

  /** Where a reply goes: the chat, its forum topic if any, and the message it answers if any. */
  record Target(long chatId, Integer threadId, Integer replyTo) {
    Target replyingTo(Integer messageId) {
      return new Target(chatId, threadId, messageId);
    }
  }

  private final RetryingSender sender;
  private final MessageSplitter splitter;
  private final ScheduledExecutorService timer;

  Outbox(RetryingSender sender, MessageSplitter splitter, ScheduledExecutorService timer) {
    this.sender = sender;
    this.splitter = splitter;
    this.timer = timer;
  }

  /**
   * Sends {@code html} as one or more messages: the first replies to {@code target.replyTo()}, the
   * last carries {@code buttons} (may be null).
   *
   * @return the id of the last message sent, or null if there was nothing to send
   */
  Integer sendHtml(Target target, String html, InlineKeyboardMarkup buttons)
      throws TelegramApiException, InterruptedException {
    List<String> parts = splitter.split(html);
    Integer last = null;
    for (int i = 0; i < parts.size(); i++) {
      SendMessage.SendMessageBuilder<?, ?> m =
          SendMessage.builder()
              .chatId(String.valueOf(target.chatId()))
              .text(parts.get(i))
              .parseMode(ParseMode.HTML)
              .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
      if (target.threadId() != null) {
        m.messageThreadId(target.threadId());
      }
      if (i == 0 && target.replyTo() != null) {
        m.replyParameters(
            ReplyParameters.builder()
                .messageId(target.replyTo())
                .allowSendingWithoutReply(true)
                .build());
      }
      if (i == parts.size() - 1 && buttons != null) {
        m.replyMarkup(buttons);
      }
      last = send(m.build()).getMessageId();
    }
    return last;
  }

  /** Sends plain text (escaped), for short notices. */
  Integer sendText(Target target, String text) throws TelegramApiException, InterruptedException {
    return sendHtml(target, dev.citebot.render.TelegramRenderer.escape(text), null);
  }

  private Message send(SendMessage message) throws TelegramApiException, InterruptedException {
    try {
      return sender.execute(message);
    } catch (TelegramApiRequestException e) {
      if (e.getErrorCode() != null
          && e.getErrorCode() == 400
          && (e.getApiResponse() + " " + e.getMessage()).contains("parse entities")) {
        // Our HTML should always parse; if Telegram disagrees, the text still matters more.
        log.warn("Telegram could not parse a message's HTML; sending it as plain text.");
        message.setText(plain(message.getText()));
        message.setParseMode(null);
        return sender.execute(message);
      }
      throw e;
    }
  }

  /**
   * Shows "typing…" now and renews it until the returned handle is closed. Failures only matter to
   * the look of the chat, so they are not retried.
   */
  AutoCloseable typing(Target target) {
    SendChatAction action =
        SendChatAction.builder()
            .chatId(String.valueOf(target.chatId()))
            .action("typing")
            .messageThreadId(target.threadId())
            .build();
    sender.tryOnce(action);
    ScheduledFuture<?> renew =
        timer.scheduleAtFixedRate(
            () -> sender.tryOnce(action), TYPING_RENEW_MS, TYPING_RENEW_MS, TimeUnit.MILLISECONDS);
    return () -> renew.cancel(false);
  }

  /** Stops the spinner on a pressed button, with an optional short notice (max 200 chars). */
  void answerCallback(String callbackQueryId, String notice) throws InterruptedException {
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> a =
        AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId);
    if (notice != null && !notice.isBlank()) {
      a.text(notice.length() > 200 ? notice.substring(0, 199) + "…" : notice);
    }
    try {
      sender.execute(a.build());
    } catch (TelegramApiException e) {
      log.debug("answerCallbackQuery failed; the button keeps spinning for a while.");
    }
  }

  /** The text of our HTML without tags and with entities decoded. */
  static String plain(String html) {
    return html.replaceAll("<[^>]*>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }
}
