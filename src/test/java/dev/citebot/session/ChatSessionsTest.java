package dev.citebot.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.answer.Conversation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChatSessionsTest {
  @Test
  void oneChatRunsInOrderAndChatsRunInParallel() throws Exception {
    try (ChatSessions sessions = new ChatSessions(() -> new Conversation(3), 4, 100, 1000)) {
      Map<Long, List<Integer>> seen = new ConcurrentHashMap<>();
      AtomicInteger running = new AtomicInteger();
      AtomicInteger maxRunning = new AtomicInteger();
      Map<Long, AtomicInteger> perChat = new ConcurrentHashMap<>();
      for (int i = 0; i < 50; i++) {
        for (long chat = 0; chat < 8; chat++) {
          long c = chat;
          int n = i;
          sessions.submit(
              c,
              () -> {
                int now = running.incrementAndGet();
                maxRunning.accumulateAndGet(now, Math::max);
                assertThat(perChat.computeIfAbsent(c, k -> new AtomicInteger()).incrementAndGet())
                    .as("one at a time per chat")
                    .isEqualTo(1);
                seen.computeIfAbsent(c, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(n);
                sleep(1);
                perChat.get(c).decrementAndGet();
                running.decrementAndGet();
              });
        }
      }
      assertThat(sessions.awaitIdle(Duration.ofSeconds(20))).isTrue();
      for (long chat = 0; chat < 8; chat++) {
        assertThat(seen.get(chat)).hasSize(50).isSorted();
      }
      assertThat(maxRunning.get()).as("chats in parallel").isGreaterThan(1);
    }
  }

  @Test
  void aFailingTaskDoesNotStopItsChat() throws Exception {
    try (ChatSessions sessions = new ChatSessions(() -> new Conversation(3), 2, 100, 10)) {
      CountDownLatch after = new CountDownLatch(1);
      sessions.submit(
          1,
          () -> {
            throw new IllegalStateException("boom");
          });
      sessions.submit(1, after::countDown);
      assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void keepsOneConversationPerChatAndForgetsIdleChatsBeyondTheBound() throws Exception {
    try (ChatSessions sessions = new ChatSessions(() -> new Conversation(3), 2, 10, 10)) {
      Conversation first = sessions.conversation(1);
      assertThat(sessions.conversation(1)).isSameAs(first);
      for (long chat = 2; chat < 100; chat++) {
        sessions.conversation(chat);
      }
      assertThat(sessions.knownChats()).isLessThanOrEqualTo(11);
    }
  }

  @Test
  void boundsTheQueueAndRefusesAfterStopping() throws Exception {
    try (ChatSessions sessions = new ChatSessions(() -> new Conversation(3), 1, 10, 2)) {
      CountDownLatch gate = new CountDownLatch(1);
      assertThat(sessions.submit(1, () -> await(gate))).isTrue();
      Thread.sleep(50); // the first is running, not queued
      assertThat(sessions.submit(1, () -> {})).isTrue();
      assertThat(sessions.submit(1, () -> {})).isTrue();
      assertThat(sessions.submit(1, () -> {})).as("queue full").isFalse();
      sessions.stopAccepting();
      assertThat(sessions.submit(2, () -> {})).isFalse();
      assertThat(sessions.awaitIdle(Duration.ofMillis(100))).isFalse();
      gate.countDown();
      assertThat(sessions.awaitIdle(Duration.ofSeconds(5))).as("queued work still runs").isTrue();
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
