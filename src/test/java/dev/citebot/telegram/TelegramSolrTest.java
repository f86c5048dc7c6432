package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.Citebot;
import dev.citebot.TestCorpus;
import dev.citebot.answer.Answer;
import dev.citebot.solr.LocalSolrCloud;
import dev.citebot.telegram.FakeBotApi.Sent;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bots on the solr backend (the shared in-JVM SolrCloud): two bot replicas on one collection
 * continue each other's chats, and a bot whose cluster is down says so and keeps running.
 */
class TelegramSolrTest {
  @RegisterExtension static final BotTestBed bed = new BotTestBed(TelegramSolrTest::open);

  static Citebot open(Path dir) throws Exception {
    LocalSolrCloud cloud = LocalSolrCloud.shared();
    Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
    return Citebot.open(
        TestCorpus.config(
            corpus,
            dir.resolve("data"),
            Map.of(
                "CITEBOT_INDEX_BACKEND", "solr",
                "CITEBOT_SOLR_URLS", String.join(",", cloud.urls()),
                "CITEBOT_SOLR_COLLECTION", "telegram")),
        false,
        line -> {});
  }

  @Test
  void aSecondBotReplicaContinuesTheChatTheFirstAnswered() throws Exception {
    try (Citebot second = open(bed.dir().resolve("replica"));
        BotFixture other = BotFixture.start(second)) {
      BotFixture first = bed.start();
      first.api.sendText(7, 7, "Tô Lâm thăm Belarus khi nào?");
      Sent answer = first.api.awaitSent(7, 1).get(0);
      assertThat(answer.html()).contains("[1]");

      // The follow-up reaches the other replica (a load balancer's choice): it reads the turn.
      other.api.sendText(7, 7, "Hva med Belarus?");
      Sent followUp = other.api.awaitSent(7, 1).get(0);
      Answer standalone = second.ask(second.newConversation(), "Hva med Belarus?");
      Answer continued = second.ask(second.conversation("telegram", 7), "Hva med Belarus?");
      assertThat(continued.language()).isEqualTo("vi").isNotEqualTo(standalone.language());
      assertThat(followUp.html()).contains("<b>Nguồn</b>"); // answered in the chat's language
      assertThat(other.api.refused()).isEmpty();
    }
  }

  @Test
  void withTheClusterDownTheBotSaysSoAndAnswersWhenItIsBack() throws Exception {
    LocalSolrCloud cloud = LocalSolrCloud.shared();
    BotFixture bot = bed.start();
    cloud.stopNode(0);
    cloud.stopNode(1);
    try {
      bot.api.sendText(8, 8, "Who invited Tô Lâm to visit the DPRK?");
      assertThat(bot.api.awaitSent(8, 1).get(0).text()).isEqualTo(Replies.UNAVAILABLE);
    } finally {
      cloud.restartNode(0);
      cloud.restartNode(1);
      cloud.waitForAllActive();
    }
    bot.api.sendText(8, 8, "Who invited Tô Lâm to visit the DPRK?");
    assertThat(bot.api.awaitSent(8, 2).get(1).html()).contains("[1]");
  }
}
