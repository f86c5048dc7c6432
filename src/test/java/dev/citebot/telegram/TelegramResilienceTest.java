package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.telegram.FakeBotApi.Call;
import dev.citebot.telegram.FakeBotApi.Fault;
import dev.citebot.telegram.FakeBotApi.Sent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Telegram misbehaving (429, 500, dropped connections) and many chats at once. */
class TelegramResilienceTest {
  @RegisterExtension static final BotTestBed bed = new BotTestBed();
  static final List<String> QUESTIONS =
      List.of(
          "Việt Nam và Triều Tiên đã ký những văn kiện nào?",
          "Who is Tô Lâm?",
          "How many handshakes does the Quokka protocol use?",
          "Tổng Bí thư Tô Lâm thăm Belarus khi nào?",
          "What did Deputy Minister Nguyễn Minh Vũ say about the visit?",
          "Hvilke avtaler ble signert mellom Vietnam og Nord-Korea?");

  BotFixture bot;

  @Test
  void a429IsRetriedAfterItsRetryAfter() throws Exception {
    bot = bed.start();
    bot.api.failNext("sendMessage", Fault.tooManyRequests(1));
    bot.api.sendText(60, 60, QUESTIONS.get(0));

    assertThat(bot.api.awaitSent(60, 1)).hasSize(1);
    List<Call> sends = bot.api.calls("sendMessage");
    assertThat(sends).extracting(Call::status).containsExactly(429, 200);
    long waited = sends.get(1).nanos() - sends.get(0).nanos();
    assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void a500AndADroppedConnectionWhileSendingAreSurvived() throws Exception {
    bot = bed.start();
    bot.api.failNext("sendMessage", Fault.status(500));
    bot.api.failNext("sendMessage", Fault.dropConnection());
    bot.api.sendText(61, 61, QUESTIONS.get(1));

    assertThat(bot.api.awaitSent(61, 1)).hasSize(1);
    assertThat(bot.api.calls("sendMessage")).extracting(Call::status).containsExactly(500, -1, 200);
    Thread.sleep(200);
    assertThat(bot.api.sentTo(61)).hasSize(1);
  }

  @Test
  void failingPollsAreSurvivedAndNothingIsAnsweredTwice() throws Exception {
    bot = bed.start();
    bot.api.sendText(62, 62, QUESTIONS.get(0));
    bot.api.awaitSent(62, 1);
    bot.api.failNext("getUpdates", Fault.status(500));
    bot.api.failNext("getUpdates", Fault.dropConnection());
    bot.api.failNext("getUpdates", Fault.tooManyRequests(1));
    bot.api.failNext("sendChatAction", Fault.status(500)); // only cosmetic: not retried
    bot.api.sendText(62, 62, QUESTIONS.get(2));

    assertThat(bot.api.awaitSent(62, 2)).hasSize(2);
    Thread.sleep(300);
    assertThat(bot.api.sentTo(62)).hasSize(2);
    assertThat(bot.api.calls("getUpdates")).extracting(Call::status).contains(500, -1, 429);
  }

  @Test
  void aFailingChatDoesNotStopTheOthers() throws Exception {
    bot = bed.start();
    bot.api.failNext("sendMessage", Fault.status(400)); // not retryable: chat 63's answer is lost
    bot.api.sendText(63, 63, QUESTIONS.get(0));
    assertThat(
            FakeBotApi.await(
                () -> bot.api.calls("sendMessage").size() >= 1, Duration.ofSeconds(10)))
        .isTrue();
    bot.api.sendText(64, 64, QUESTIONS.get(1));
    bot.api.sendText(63, 63, QUESTIONS.get(1));
    assertThat(bot.api.awaitSent(64, 1)).hasSize(1);
    assertThat(bot.api.awaitSent(63, 1)).hasSize(1);
  }

  @Test
  void twoHundredQuestionsFromFiftyChatsAreEachAnsweredOnceInOrder() throws Exception {
    bot = bed.start();
    Map<Long, List<Integer>> asked = new HashMap<>();
    bot.api.hold(); // all arrive together
    for (int round = 0; round < 4; round++) {
      for (int chat = 0; chat < 50; chat++) {
        long chatId = -5000 - chat;
        String q = QUESTIONS.get((chat + round) % QUESTIONS.size());
        int id = bot.api.sendText(chatId, 9000 + chat, "/ask " + q);
        asked.computeIfAbsent(chatId, c -> new ArrayList<>()).add(id);
      }
    }
    bot.api.release();

    assertThat(
            FakeBotApi.await(
                () -> bot.api.sent().stream().filter(s -> s.replyTo() != null).count() >= 200,
                Duration.ofSeconds(40)))
        .as("200 answers")
        .isTrue();
    Thread.sleep(300);
    for (var e : asked.entrySet()) {
      List<Integer> replied =
          bot.api.sentTo(e.getKey()).stream().map(Sent::replyTo).filter(r -> r != null).toList();
      assertThat(replied).as("chat %d", e.getKey()).containsExactlyElementsOf(e.getValue());
    }
    assertThat(bot.api.sent().stream().filter(s -> s.replyTo() != null)).hasSize(200);
  }
}
