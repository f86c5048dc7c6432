package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.answer.Answer;
import dev.citebot.answer.Citation;
import dev.citebot.telegram.FakeBotApi.Sent;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bot end to end: the real TelegramBots client and long polling against a local fake Bot API,
 * the real engine on a temp copy of the seeds.
 */
class TelegramBotTest {
  @RegisterExtension static final BotTestBed bed = new BotTestBed();
  static final String VI_QUESTION = "Việt Nam và Triều Tiên đã ký những văn kiện nào?";

  BotFixture bot;

  @Test
  void aQuestionGetsAnAnswerWithSourcesAndOneButtonPerCitation() throws Exception {
    bot = bed.start();
    Answer expected = bed.engine().ask(bed.engine().newConversation(), VI_QUESTION);
    assertThat(expected.citations()).isNotEmpty();

    bot.api.sendText(42, 42, VI_QUESTION);
    Sent answer = bot.api.awaitSent(42, 1).get(0);

    assertThat(answer.html()).contains("[1]").contains("<b>Nguồn</b>");
    for (Citation c : expected.citations()) {
      assertThat(answer.html()).contains("<code>" + c.file() + "</code>");
      assertThat(answer.text()).contains("[" + c.n() + "] ");
    }
    assertThat(answer.buttonData()).hasSize(expected.citations().size());
    assertThat(answer.buttonData().get(0)).startsWith("c:1:");
    assertThat(answer.replyTo()).as("no reply threading in a private chat").isNull();
    var typing = bot.api.calls("sendChatAction");
    assertThat(typing).isNotEmpty();
    assertThat(typing.get(0).body().path("action").asText()).isEqualTo("typing");
    assertThat(typing.get(0).nanos()).isLessThan(answer.nanos());
  }

  @Test
  void aButtonShowsThePassageFromTheCacheWithoutAskingAgain() throws Exception {
    bot = bed.start();
    Citation first =
        bed.engine().ask(bed.engine().newConversation(), VI_QUESTION).citations().get(0);
    bot.api.sendText(43, 43, VI_QUESTION);
    Sent answer = bot.api.awaitSent(43, 1).get(0);

    bot.api.pressButton(43, 43, answer.messageId(), "c:1"); // no location: only the cache knows
    List<Sent> sent = bot.api.awaitSent(43, 2);

    assertThat(sent).hasSize(2);
    Sent passage = sent.get(1);
    assertThat(passage.replyTo()).isEqualTo(answer.messageId());
    assertThat(passage.text())
        .contains(first.file())
        .contains(first.firstLine() == first.lastLine() ? "line " : "lines " + first.firstLine())
        .contains(first.quote().strip());
    assertThat(passage.html()).contains("<blockquote>").contains("<b>");
    assertThat(bot.api.calls("answerCallbackQuery")).hasSize(1);
  }

  @Test
  void aButtonStillWorksWhenTheCacheHasForgottenTheAnswer() throws Exception {
    bot = bed.start();
    bot.api.pressButton(44, 44, 999_999, "c:1:1-3:000_7374b92905a51571.txt");
    Sent passage = bot.api.awaitSent(44, 1).get(0);
    assertThat(passage.text()).contains("000_7374b92905a51571.txt").contains("lines 1-3");

    bot.api.pressButton(44, 44, 999_999, "c:1"); // nothing to go on
    assertThat(
            FakeBotApi.await(
                () -> bot.api.calls("answerCallbackQuery").size() == 2, Duration.ofSeconds(10)))
        .isTrue();
    assertThat(bot.api.calls("answerCallbackQuery").get(1).body().path("text").asText())
        .contains("too old");
    assertThat(bot.api.sentTo(44)).hasSize(1);
  }

  @Test
  void htmlInQuestionsAndArticlesIsEscaped() throws Exception {
    bot = bed.start();
    bot.api.sendText(45, 45, "How many <b>handshakes</b> does the Quokka protocol use?");
    Sent answer = bot.api.awaitSent(45, 1).get(0);
    assertThat(answer.text()).contains("3 < 4 handshakes & one <ack> message");
    assertThat(answer.text()).contains(BotFixture.MARKUP_FILE);
    assertThat(answer.text())
        .as("the title")
        .contains("AT&T wrote that the expression a < b && c > d");
    assertThat(answer.html()).doesNotContain("<ack>").contains("&lt;ack&gt;");

    bot.api.pressButton(45, 45, answer.messageId(), answer.buttonData().get(0));
    Sent passage = bot.api.awaitSent(45, 2).get(1);
    assertThat(passage.text()).contains("AT&T wrote that the expression a < b && c > d");
    assertThat(passage.text()).contains("3 < 4 handshakes & one <ack> message");

    bot.api.sendText(45, 45, "/show " + BotFixture.MARKUP_FILE + ":3");
    Sent show = bot.api.awaitSent(45, 3).get(2);
    assertThat(show.text())
        .contains("AT&T")
        .contains("<script>alert(1)</script>")
        .contains("a < b && c > d");

    bot.api.sendText(45, 45, "/show <b>nope</b>.txt");
    Sent error = bot.api.awaitSent(45, 4).get(3);
    assertThat(error.text()).contains("<b>nope</b>.txt is not an article");
  }

  @Test
  void aLongReplyIsSplitIntoValidMessages() throws Exception {
    bot = bed.start();
    String file = "002_de0e4ba2ab4b4e39.txt";
    List<String> lines = Files.readAllLines(bed.dir().resolve("corpus").resolve(file));
    bot.api.sendText(46, 46, "/show " + file);
    List<Sent> parts = bot.api.awaitSent(46, 2);
    Thread.sleep(300); // let any further part arrive
    parts = bot.api.sentTo(46);

    assertThat(parts).hasSizeGreaterThanOrEqualTo(2);
    assertThat(parts).allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(4096));
    String all = String.join("\n", parts.stream().map(Sent::text).toList());
    String shown = all.replaceAll("\\s+", " ");
    int checked = 0;
    for (String line : lines) {
      if (!line.isBlank() && shown.length() > 0 && checked < 20) {
        if (!shown.contains(line.strip().replaceAll("\\s+", " "))) {
          assertThat(all).contains("more lines; use /show " + file);
          break;
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(5);
  }

  @Test
  void commandsExplainListShowAndForget() throws Exception {
    bot = bed.start();
    bot.api.sendText(47, 47, "/start");
    Sent help = bot.api.awaitSent(47, 1).get(0);
    assertThat(help.text()).contains("6 articles").contains("/sources").contains("/show");

    bot.api.sendText(47, 47, "/sources");
    Sent sources = bot.api.awaitSent(47, 2).get(1);
    bed.engine().sources().forEach(a -> assertThat(sources.text()).contains(a.file()));

    bot.api.sendText(47, 47, "/new");
    assertThat(bot.api.awaitSent(47, 3).get(2).text()).contains("new conversation");

    bot.api.sendText(47, 47, "/frobnicate");
    assertThat(bot.api.awaitSent(47, 4).get(3).text()).contains("/help");

    bot.api.sendSticker(47, 47);
    assertThat(bot.api.awaitSent(47, 5).get(4).text()).contains("only read text");

    bot.api.editText(47, 47, 1, "edited question");
    bot.api.sendText(47, 47, "/help");
    assertThat(bot.api.awaitSent(47, 6).get(5).text()).contains("citebot");
    Thread.sleep(200);
    assertThat(bot.api.sentTo(47)).as("the edit got no reply").hasSize(6);
  }

  @Test
  void inGroupsOnlyAskMentionsAndRepliesAreAnswered() throws Exception {
    bot = bed.start();
    long group = -1001;
    bot.api.sendText(group, 7, "Việt Nam và Triều Tiên ký gì?"); // not for the bot
    bot.api.sendText(group, 7, "/help@some_other_bot");
    bot.api.sendText(group, 7, "/weather");
    int ask = bot.api.sendText(group, 7, "/ask " + VI_QUESTION);
    int mention = bot.api.sendText(group, 8, "@" + FakeBotApi.BOT_USERNAME + " " + VI_QUESTION);
    int reply = bot.api.sendText(group, 9, "Còn gì nữa?", 555);
    int unknown = bot.api.sendText(group, 9, "/weather@" + FakeBotApi.BOT_USERNAME);
    bot.api.sendSticker(group, 9);
    bot.api.sendFromBot(group, 4242, "/ask " + VI_QUESTION); // bots are never answered
    int anonymous = bot.api.sendAsGroup(group, "/ask " + VI_QUESTION); // an anonymous admin is

    List<Sent> sent = bot.api.awaitSent(group, 5);
    Thread.sleep(300);
    sent = bot.api.sentTo(group);
    assertThat(sent)
        .extracting(Sent::replyTo)
        .containsExactly(ask, mention, reply, unknown, anonymous);
    assertThat(sent.get(0).buttonData()).isNotEmpty();
    assertThat(sent.get(1).buttonData()).isNotEmpty();
    assertThat(sent.get(3).text()).contains("/help");
  }

  @Test
  void theAllowListHolds() throws Exception {
    bot = bed.start(Set.of(-2001L), Set.of(111L), 60);
    bot.api.sendText(111, 111, VI_QUESTION); // allowed user
    bot.api.sendText(222, 222, VI_QUESTION); // not allowed
    bot.api.sendText(222, 222, "again");
    bot.api.sendText(-2001, 333, "/ask " + VI_QUESTION); // allowed group
    bot.api.sendText(-3001, 444, "/ask " + VI_QUESTION); // not allowed
    bot.api.sendText(-3001, 111, "/ask " + VI_QUESTION); // allowed user in that group

    assertThat(bot.api.awaitSent(111, 1).get(0).buttonData()).isNotEmpty();
    assertThat(bot.api.awaitSent(-2001, 1).get(0).buttonData()).isNotEmpty();
    List<Sent> other = bot.api.awaitSent(-3001, 2);
    Thread.sleep(300);
    List<Sent> denied = bot.api.sentTo(222);
    assertThat(denied).hasSize(1);
    assertThat(denied.get(0).text()).contains("only answers in chats").contains("222");
    other = bot.api.sentTo(-3001);
    assertThat(other).hasSize(2);
    assertThat(other.get(0).text()).contains("only answers in chats");
    assertThat(other.get(1).buttonData()).isNotEmpty();
  }

  @Test
  void theRateLimitHoldsAndSaysSoOnce() throws Exception {
    bot = bed.start(Set.of(), Set.of(), 3);
    for (int i = 0; i < 6; i++) {
      bot.api.sendText(48, 48, VI_QUESTION);
    }
    bot.api.awaitSent(48, 4);
    Thread.sleep(300);
    List<Sent> sent = bot.api.sentTo(48);
    assertThat(sent).hasSize(4);
    assertThat(sent.stream().filter(s -> !s.buttonData().isEmpty())).hasSize(3);
    assertThat(sent.stream().filter(s -> s.text().contains("faster than I can answer"))).hasSize(1);
    bot.api.sendText(49, 49, VI_QUESTION); // others are not affected
    assertThat(bot.api.awaitSent(49, 1)).hasSize(1);
  }

  @Test
  void aQuestionTooLongIsRefusedPolitely() throws Exception {
    bot = bed.start();
    bot.api.sendText(50, 50, "x".repeat(1001));
    assertThat(bot.api.awaitSent(50, 1).get(0).text()).contains("1000 characters or fewer");
  }

  @Test
  void anUpdateDeliveredTwiceIsAnsweredOnce() throws Exception {
    bot = bed.start();
    bot.api.hold();
    bot.api.sendText(51, 51, VI_QUESTION);
    bot.api.repeatLastUpdate();
    bot.api.release();
    bot.api.awaitSent(51, 1);
    bot.api.sendText(51, 51, "/help");
    bot.api.awaitSent(51, 2);
    Thread.sleep(200);
    assertThat(bot.api.sentTo(51)).hasSize(2);
  }

  @Test
  void aRestartDoesNotAnswerTheLastBatchAgain() throws Exception {
    FakeBotApi api = new FakeBotApi(BotFixture.TOKEN);
    try (api) {
      var config = BotFixture.telegram(api.apiUrl(), Set.of(), Set.of(), 60);
      TelegramService first = TelegramService.start(bed.engine(), config, BotFixture.FAST);
      api.sendText(52, 52, VI_QUESTION);
      api.awaitSent(52, 1);
      first.close();

      TelegramService second = TelegramService.start(bed.engine(), config, BotFixture.FAST);
      try {
        api.sendText(52, 52, "/help");
        api.awaitSent(52, 2);
        Thread.sleep(300);
        assertThat(api.sentTo(52)).hasSize(2);
        assertThat(api.sentTo(52).get(1).text()).contains("citebot");
      } finally {
        second.close();
      }
    }
  }

  @Test
  void shutdownFinishesTheAnswersInFlight() throws Exception {
    bot = bed.start();
    for (int i = 0; i < 3; i++) {
      bot.api.failNext("sendMessage", FakeBotApi.Fault.delay(300));
    }
    bot.api.hold();
    for (int i = 0; i < 3; i++) {
      bot.api.sendText(53, 53, VI_QUESTION);
    }
    bot.api.release();
    assertThat(
            FakeBotApi.await(
                () -> !bot.api.calls("sendChatAction").isEmpty(), Duration.ofSeconds(10)))
        .isTrue();
    bot.service.close();
    assertThat(bot.api.sentTo(53)).hasSize(3);
  }
}
