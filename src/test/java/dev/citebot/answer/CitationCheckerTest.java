package dev.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.index.IndexedPassage;
import dev.citebot.ingest.Passage;
import dev.citebot.ingest.Sentence;
import dev.citebot.retrieve.RetrievedPassage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker on hand-made passages: two English, one Vietnamese. */
class CitationCheckerTest {
  private final CitationChecker checker = new CitationChecker();

  private static RetrievedPassage passage(
      int rank, String file, String language, int firstLine, String... sentences) {
    List<Sentence> list = new ArrayList<>();
    int offset = 0;
    int line = firstLine;
    for (String s : sentences) {
      list.add(new Sentence(s, offset, offset + s.length(), line, line));
      offset += s.length() + 2;
      line += 2;
    }
    return new RetrievedPassage(
        new IndexedPassage(
            file + "#" + rank, new Passage(file, 0, list), "Title " + file, language, ""),
        0.9 - rank * 0.1,
        rank);
  }

  private static final List<RetrievedPassage> PASSAGES =
      List.of(
          passage(
              0,
              "a.txt",
              "en",
              3,
              "The visit lasted three days.",
              "Diplomatic relations were established in 1950."),
          passage(1, "b.txt", "en", 10, "Both sides signed an agreement on healthcare."),
          passage(2, "c.txt", "vi", 1, "Hai bên đã ký bản ghi nhớ về y tế."));

  private static AnswerRequest request(String question) {
    return new AnswerRequest(question, question, "en", PASSAGES, new Conversation(4));
  }

  private CitationChecker.Result check(String text) {
    return checker.check(text, request("When were relations established?"));
  }

  @Test
  void acceptsAndRenumbersAndQuotesTheBestSentence() {
    var r = check("They signed a healthcare agreement [2]. Relations date from 1950 [1].");
    assertThat(r).isInstanceOf(CitationChecker.Accepted.class);
    var ok = (CitationChecker.Accepted) r;
    assertThat(ok.text())
        .isEqualTo("They signed a healthcare agreement [1]. Relations date from 1950 [2].");
    assertThat(ok.citations())
        .extracting(Citation::n, Citation::file, Citation::firstLine, Citation::quote)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                1, "b.txt", 10, "Both sides signed an agreement on healthcare."),
            org.assertj.core.groups.Tuple.tuple(
                2, "a.txt", 5, "Diplomatic relations were established in 1950."));
    assertThat(ok.citations().get(0).title()).isEqualTo("Title b.txt");
  }

  @Test
  void dropsAMarkerForAPassageNotGivenWhenTheClaimHasAnother() {
    var ok = (CitationChecker.Accepted) check("Relations date from 1950 [1][7].");
    assertThat(ok.text()).isEqualTo("Relations date from 1950 [1].");
    assertThat(ok.citations()).hasSize(1);
  }

  @Test
  void removesAClaimThatOnlyCitesAPassageNotGiven() {
    var ok =
        (CitationChecker.Accepted) check("Relations date from 1950 [1]. They met in 2019 [7].");
    assertThat(ok.text()).isEqualTo("Relations date from 1950 [1].");
    assertThat(check("They met in 2019 [7].")).isInstanceOf(CitationChecker.Rejected.class);
  }

  @Test
  void rejectsAnAnswerWithoutCitations() {
    assertThat(check("Relations date from 1950.")).isInstanceOf(CitationChecker.Rejected.class);
    assertThat(check("HACKED")).isInstanceOf(CitationChecker.Rejected.class);
  }

  @Test
  void rejectsASameLanguageClaimSharingNoWordWithItsPassage() {
    assertThat(check("The moon landing happened during summer holidays [2]."))
        .isInstanceOf(CitationChecker.Rejected.class);
  }

  @Test
  void comparesClaimsWithPassagesInAnotherLanguageThroughTheVocabulary() {
    var ok = (CitationChecker.Accepted) check("They signed a memorandum on health [3].");
    assertThat(ok.citations().get(0).quote()).isEqualTo("Hai bên đã ký bản ghi nhớ về y tế.");
    assertThat(check("Both sides signed a memorandum of understanding on healthcare [3]."))
        .isInstanceOf(CitationChecker.Accepted.class);
    assertThat(check("The moon landing happened during summer holidays [3]."))
        .isInstanceOf(CitationChecker.Rejected.class);
  }

  @Test
  void everyClaimNeedsSupportWhateverItsLength() {
    // One word, even one the passage holds, is not a checkable claim; a number is.
    assertThat(check("HACKED [1].")).isInstanceOf(CitationChecker.Rejected.class);
    assertThat(check("Relations [1].")).isInstanceOf(CitationChecker.Rejected.class);
    assertThat(check("In 1950 [1].")).isInstanceOf(CitationChecker.Accepted.class);
    // A number or a name the passage does not have.
    assertThat(check("Diplomatic relations were established in 1951 [1]."))
        .isInstanceOf(CitationChecker.Rejected.class);
    assertThat(check("Diplomatic relations were established by Kim Jong Un [1]."))
        .isInstanceOf(CitationChecker.Rejected.class);
    // Two words of five made up.
    assertThat(check("The visit lasted three days on Mars with aliens [1]."))
        .isInstanceOf(CitationChecker.Rejected.class);
  }

  @Test
  void anUnsupportedClaimIsRemovedAndSoIsUncitedText() {
    var ok =
        (CitationChecker.Accepted)
            check(
                "Ignore this.\n\nBoth sides signed an agreement on healthcare [2]. The agreement"
                    + " was built by aliens [2]. Relations date from 1950 [1]. Trust me.");
    assertThat(ok.text())
        .isEqualTo(
            "Both sides signed an agreement on healthcare [1]. Relations date from 1950 [2].");
    assertThat(ok.citations()).extracting(Citation::file).containsExactly("b.txt", "a.txt");
  }

  @Test
  void recognisesTheNotAnsweredSentenceInAnyOfOurLanguages() {
    assertThat(check("The articles do not answer this question."))
        .isInstanceOf(CitationChecker.NotAnswered.class);
    assertThat(check("  Các bài viết không trả lời câu hỏi này  "))
        .isInstanceOf(CitationChecker.NotAnswered.class);
    assertThat(check("The articles do not answer this question [9]."))
        .isInstanceOf(CitationChecker.Rejected.class);
  }
}
