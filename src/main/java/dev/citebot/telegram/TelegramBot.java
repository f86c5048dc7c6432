package dev.citebot.telegram;

import dev.citebot.session.ChatSessions;
import dev.citebot.session.RateLimiter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Decides what an update is and who may have it answered, then queues the work on its chat. Called
 * by the long-polling consumer and the webhook server alike; it returns at once.
 *
 * <p>In a private chat any text is a question. In a group the bot takes only its commands ({@code
 * /ask …}, {@code /help}, …, or {@code /cmd@thisbot}), messages that mention it, and replies to its
 * own messages. Edited messages, channel posts and other update kinds are ignored.
 */
public final class TelegramBot {
  private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);
  private static final Pattern COMMAND =
      Pattern.compile("/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\\s+(.*))?", Pattern.DOTALL);

  /** The bot's own account, from getMe. */
  public record Identity(long id, String username) {}

  private final Identity me;
  private final AccessPolicy access;
  private final RateLimiter questions;
  private final RateLimiter buttons;
  private final ChatSessions sessions;
  private final Replies replies;
  private final RecentIds seenUpdates = new RecentIds(100_000);
  private final RecentIds deniedChats = new RecentIds(10_000);
  private final Pattern mention;

  TelegramBot(
      Identity me,
      AccessPolicy access,
      RateLimiter questions,
      RateLimiter buttons,
      ChatSessions sessions,
      Replies replies) {
    this.me = me;
    this.access = access;
    this.questions = questions;
    this.buttons = buttons;
    this.sessions = sessions;
    this.replies = replies;
    this.mention =
        Pattern.compile(
            "(?<![\\w@])@" + Pattern.quote(me.username()) + "\\b", Pattern.CASE_INSENSITIVE);
  }

  /**
   * Routes one update. Returns false only when the bot is shutting down and did not take it, so a
   * webhook can ask Telegram to deliver it again later.
   */
  public boolean handle(Update update) {
    if (!sessions.accepting()) {
      return false;
    }
    if (update.getUpdateId() != null && !seenUpdates.firstTime(update.getUpdateId())) {
      log.debug("Update {} came again; it is answered once.", update.getUpdateId());
      return true;
    }
    try {
      if (update.hasMessage()) {
        onMessage(update.getMessage());
      } else if (update.hasCallbackQuery()) {
        onButton(update.getCallbackQuery());
      }
    } catch (RuntimeException e) { // a malformed update must not stop the updates after it
      log.error("Could not route update {}: {}", update.getUpdateId(), e.toString());
    }
    return true;
  }

  private void onMessage(Message m) {
    String type = m.getChat() == null ? "" : m.getChat().getType();
    User from = m.getFrom();
    long chatId = m.getChatId();
    // An anonymous group admin writes as the group itself (from = @GroupAnonymousBot).
    boolean asGroup = m.getSenderChat() != null && m.getSenderChat().getId() == chatId;
    if ("channel".equals(type)
        || (from != null && Boolean.TRUE.equals(from.getIsBot()) && !asGroup)) {
      return; // channel posts and other bots (no bot-to-bot loops)
    }
    boolean privateChat = "private".equals(type);
    Long userId = from == null || asGroup ? null : from.getId();
    Integer thread = Boolean.TRUE.equals(m.getIsTopicMessage()) ? m.getMessageThreadId() : null;
    Outbox.Target to = new Outbox.Target(chatId, thread, privateChat ? null : m.getMessageId());
    boolean repliesToMe =
        m.getReplyToMessage() != null
            && m.getReplyToMessage().getFrom() != null
            && m.getReplyToMessage().getFrom().getId() == me.id();

    Runnable work;
    if (!m.hasText()) {
      if (!privateChat && !repliesToMe) {
        return;
      }
      work = () -> replies.notice(to, Replies.NOT_TEXT);
    } else {
      work = textWork(m.getText(), privateChat, repliesToMe, to);
      if (work == null) {
        return;
      }
    }
    if (!access.allows(chatId, userId)) {
      deny(to, chatId, userId);
      return;
    }
    RateLimiter.Decision d = questions.tryAcquire(userId != null ? userId : chatId);
    if (!d.allowed()) {
      if (d.tell()) {
        queue(
            chatId,
            () ->
                replies.notice(
                    to,
                    "You are asking faster than I can answer. Please wait %d seconds and ask again."
                        .formatted(d.retryAfterSeconds())));
      }
      return;
    }
    queue(chatId, work);
  }

  /** The work for a text message, or null when the message is not for this bot. */
  private Runnable textWork(
      String text, boolean privateChat, boolean repliesToMe, Outbox.Target to) {
    Matcher c = COMMAND.matcher(text.strip());
    if (c.matches()) {
      String target = c.group(2);
      boolean addressed = target != null && target.equalsIgnoreCase(me.username());
      if (target != null && !addressed) {
        return null; // a command for another bot in the group
      }
      String args = c.group(3) == null ? "" : c.group(3);
      Runnable work = command(c.group(1).toLowerCase(Locale.ROOT), args, to);
      if (work == null && (privateChat || addressed)) {
        return () -> replies.notice(to, Replies.UNKNOWN_COMMAND);
      }
      return work; // unknown plain commands in groups may belong to other bots
    }
    Matcher at = mention.matcher(text);
    boolean mentioned = at.find();
    if (privateChat || repliesToMe || mentioned) {
      String question = mentioned ? at.replaceAll(" ").strip() : text;
      return () -> replies.question(to, question);
    }
    return null;
  }

  private Runnable command(String name, String args, Outbox.Target to) {
    return switch (name) {
      case "start", "help" -> () -> replies.help(to);
      case "ask" -> () -> replies.question(to, args);
      case "sources" -> () -> replies.sources(to);
      case "show" -> () -> replies.show(to, args);
      case "new" -> () -> replies.newConversation(to);
      default -> null;
    };
  }

  private void onButton(CallbackQuery q) {
    MaybeInaccessibleMessage m = q.getMessage();
    if (m == null || q.getFrom() == null) {
      return; // a button of an inline message: this bot sends none
    }
    long chatId = m.getChatId();
    long userId = q.getFrom().getId();
    Integer thread =
        m instanceof Message msg && Boolean.TRUE.equals(msg.getIsTopicMessage())
            ? msg.getMessageThreadId()
            : null;
    Outbox.Target to = new Outbox.Target(chatId, thread, null);
    if (!access.allows(chatId, userId)) {
      queue(chatId, () -> replies.callbackNotice(q.getId(), "Sorry, this bot is not open to you."));
      return;
    }
    RateLimiter.Decision d = buttons.tryAcquire(userId);
    if (!d.allowed()) {
      queue(
          chatId,
          () ->
              replies.callbackNotice(
                  q.getId(),
                  "Too many requests. Please wait %d seconds.".formatted(d.retryAfterSeconds())));
      return;
    }
    queue(chatId, () -> replies.passage(to, q.getId(), m.getMessageId(), q.getData()));
  }

  /** Tells a chat the bot is not open to it, once per chat, and not in groups nobody asked in. */
  private void deny(Outbox.Target to, long chatId, Long userId) {
    if (deniedChats.firstTime(chatId)) {
      String who =
          userId == null ? "chat id " + chatId : "chat id " + chatId + ", user id " + userId;
      queue(
          chatId,
          () ->
              replies.notice(
                  to,
                  "Sorry, this bot only answers in chats its operator allowed. To be allowed, send"
                      + " the operator your ids ("
                      + who
                      + ")."));
    }
  }

  private void queue(long chatId, Runnable work) {
    if (!sessions.submit(chatId, work)) {
      log.warn("Dropped a message: the chat has too many waiting or the bot is stopping.");
    }
  }
}
