package dev.citebot.session;

import dev.citebot.answer.Conversation;
import dev.citebot.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Conversation} and one queue of work per chat. Work of different chats runs in parallel
 * on a shared pool; work of one chat runs one item at a time, in the order it was submitted, so
 * follow-up questions see the answers before them.
 *
 * <p>Bounded: at most {@code maxQueuedPerChat} items wait per chat, and when more than {@code
 * maxChats} chats are known the idle ones used longest ago are forgotten.
 */
public final class ChatSessions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatSessions.class);

  private final LongFunction<Conversation> newConversation;
  private final int maxChats;
  private final int maxQueuedPerChat;
  private final ExecutorService pool;
  private final Map<Long, Chat> chats = new LinkedHashMap<>(16, 0.75f, true);
  private final Object idle = new Object();
  private int pending; // guarded by idle
  private volatile boolean accepting = true;

  public ChatSessions(
      Supplier<Conversation> newConversation, int workers, int maxChats, int maxQueuedPerChat) {
    this(chatId -> newConversation.get(), workers, maxChats, maxQueuedPerChat);
  }

  /**
   * @param conversationOf the conversation of a chat, by chat id (one kept where several bot
   *     replicas can read it, when there is such a store)
   */
  public ChatSessions(
      LongFunction<Conversation> conversationOf, int workers, int maxChats, int maxQueuedPerChat) {
    this.newConversation = conversationOf;
    this.maxChats = maxChats;
    this.maxQueuedPerChat = maxQueuedPerChat;
    this.pool =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreads.numbered("citebot-chat"));
  }

  /** The conversation of {@code chatId}; call it from that chat's work to keep turns in order. */
  public Conversation conversation(long chatId) {
    return chat(chatId).conversation;
  }

  /**
   * Queues {@code work} for {@code chatId}. False when the bot is shutting down or the chat has too
   * much waiting already; the work is then dropped.
   */
  public boolean submit(long chatId, Runnable work) {
    if (!accepting) {
      return false;
    }
    synchronized (chats) { // so the chat cannot be forgotten between lookup and queueing
      Chat chat = chat(chatId);
      synchronized (chat) {
        if (chat.queue.size() >= maxQueuedPerChat) {
          return false;
        }
        synchronized (idle) {
          pending++;
        }
        chat.queue.add(work);
        if (!chat.scheduled) {
          try {
            pool.execute(() -> runNext(chat));
            chat.scheduled = true;
          } catch (RejectedExecutionException closed) {
            chat.queue.removeLast();
            synchronized (idle) {
              pending--;
              idle.notifyAll();
            }
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Runs one item of the chat, then yields the worker so other chats get their turn. */
  private void runNext(Chat chat) {
    Runnable work;
    synchronized (chat) {
      work = chat.queue.poll();
      if (work == null) {
        chat.scheduled = false;
        return;
      }
    }
    try {
      work.run();
    } catch (Throwable t) { // one failing update never stops the others
      log.error("A chat task failed: {}", t.toString());
    } finally {
      synchronized (idle) {
        pending--;
        idle.notifyAll();
      }
    }
    synchronized (chat) {
      if (chat.queue.isEmpty()) {
        chat.scheduled = false;
        return;
      }
    }
    try {
      pool.execute(() -> runNext(chat));
    } catch (RejectedExecutionException closed) {
      synchronized (chat) {
        chat.scheduled = false;
      }
    }
  }

  private Chat chat(long chatId) {
    synchronized (chats) {
      Chat chat = chats.get(chatId);
      if (chat == null) {
        chat = new Chat(newConversation.apply(chatId));
        chats.put(chatId, chat);
        if (chats.size() > maxChats) {
          forgetIdle();
        }
      }
      return chat;
    }
  }

  /** Drops the tenth of idle chats used longest ago (the map is in access order). */
  private void forgetIdle() {
    int drop = Math.max(1, maxChats / 10);
    var it = chats.values().iterator();
    while (it.hasNext() && drop > 0) {
      Chat c = it.next();
      synchronized (c) {
        if (!c.scheduled && c.queue.isEmpty()) {
          it.remove();
          drop--;
        }
      }
    }
  }

  /** Whether {@code chatId} has a conversation (it may have been forgotten as idle). */
  public boolean knows(long chatId) {
    synchronized (chats) {
      return chats.containsKey(chatId);
    }
  }

  public int knownChats() {
    synchronized (chats) {
      return chats.size();
    }
  }

  /** Stops taking work; what is queued still runs. */
  public void stopAccepting() {
    accepting = false;
  }

  public boolean accepting() {
    return accepting;
  }

  /** Waits until no work is queued or running; false if {@code timeout} passed first. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
      return true;
    }
  }

  @Override
  public void close() {
    accepting = false;
    pool.shutdownNow();
  }

  private static final class Chat {
    final Conversation conversation;
    final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    boolean scheduled;

    Chat(Conversation conversation) {
      this.conversation = conversation;
    }
  }
}
