package dev.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpRewriterTest {
  private static Conversation after(String question) {
    Conversation c = new Conversation(10);
    c.add(
        new Conversation.Turn(
            question, question, Answer.notInArticles(question, "en", "extractive")));
    return c;
  }

  @Test
  void aNewAskKeepsTheSubjectsNames() {
    String s =
        new FollowUpRewriter()
            .standalone(
                "And when did they establish relations?", after("Who did Tô Lâm meet in Minsk?"));
    assertThat(s).isEqualTo("And when did they establish relations? Tô Lâm Minsk");
    assertThat(FollowUpRewriter.ask("And when did they establish relations?", s))
        .isEqualTo("And when did they establish relations?");
  }

  @Test
  void whatAboutANewSubjectAsksThePreviousQuestionAboutIt() {
    Conversation c = after("Việt Nam và Triều Tiên thiết lập quan hệ ngoại giao năm nào?");
    for (String q : List.of("Và Belarus thì sao?", "Còn Belarus thì sao", "What about Belarus?")) {
      String s = new FollowUpRewriter().standalone(q, c);
      assertThat(s).as(q).isEqualTo("Belarus và thiết lập quan hệ ngoại giao năm nào?");
      assertThat(FollowUpRewriter.ask(q, s)).isEqualTo("và thiết lập quan hệ ngoại giao năm nào?");
    }
    assertThat(
            new FollowUpRewriter()
                .standalone(
                    "Hva med Belarus?",
                    after("When did Vietnam and the DPRK establish relations?")))
        .isEqualTo("Belarus When did and the establish relations?");
  }
}
