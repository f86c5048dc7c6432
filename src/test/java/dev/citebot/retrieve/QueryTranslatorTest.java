package dev.citebot.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryTranslatorTest {
  private final QueryTranslator translator = QueryTranslator.bundled();

  private static List<String> rows() throws IOException {
    try (InputStream in = QueryTranslator.class.getResourceAsStream("/vocabulary/vocabulary.tsv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    }
  }

  /** The one concept an English word belongs to. */
  private int concept(String english) {
    Set<Integer> ids = translator.concepts(english, "en");
    assertThat(ids).as(english).hasSize(1);
    return ids.iterator().next();
  }

  @Test
  void theVocabularyHasThousandsOfConceptsWithEveryLanguageFilledAndNoRowTwice() throws Exception {
    List<String> rows = rows();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(3000);
    assertThat(translator.size()).isEqualTo(rows.size());
    for (String row : rows) {
      String[] cells = row.split("\t", -1);
      assertThat(cells).as(row).hasSize(3);
      for (String cell : cells) {
        assertThat(cell.split("\\|")).as(row).allSatisfy(w -> assertThat(w).isNotBlank());
      }
    }
    assertThat(new HashSet<>(rows)).hasSameSizeAs(rows);
  }

  @Test
  void listedWordsBringTheirTranslations() {
    assertThat(translator.expand("What is the population of Hanoi?", "en", Set.of("vi", "no")))
        .startsWith("What is the population of Hanoi? ")
        .contains("dânsố")
        .contains("befolkning");
    assertThat(translator.expand("Dân số của Hà Nội là bao nhiêu?", "vi", Set.of("en")))
        .contains("population");
    // Inflected English and Norwegian forms are listed too.
    assertThat(translator.concepts("the governments", "en")).contains(concept("government"));
    assertThat(translator.concepts("regjeringen", "no")).contains(concept("government"));
  }

  @Test
  void multiWordVietnameseIsOneConceptLongestFirst() {
    int population = concept("population");
    int number = concept("number");
    assertThat(translator.concepts("dân số", "vi")).containsExactly(population);
    assertThat(translator.concepts("Dân số của thành phố tăng nhanh", "vi"))
        .contains(population, concept("city"), concept("increase"))
        .doesNotContain(number);
    assertThat(translator.concepts("Bộ Ngoại giao", "vi")).isNotEmpty();
    assertThat(translator.concepts("Đông Nam Á", "vi")).containsExactly(concept("Southeast Asia"));
  }

  @Test
  void accentsCountWhenWrittenAndToneMarksMayMove() {
    // "bán" (sell) is not "bàn" (table); typed without accents it may be either.
    assertThat(translator.concepts("bán", "vi"))
        .contains(concept("sell"))
        .doesNotContain(concept("table"));
    assertThat(translator.concepts("ban", "vi")).contains(concept("sell"), concept("table"));
    assertThat(translator.concepts("dan so", "vi")).contains(concept("population"));
    // Old and new tone placement: "hoà bình" and "hòa bình" are both peace.
    assertThat(translator.concepts("hoà bình", "vi"))
        .contains(concept("peace"))
        .isEqualTo(translator.concepts("hòa bình", "vi"));
  }

  @Test
  void aSentenceAndItsTranslationShareConcepts() {
    Set<Integer> en =
        translator.concepts("The government announced that the population increased in May.", "en");
    Set<Integer> vi =
        translator.concepts("Chính phủ thông báo rằng dân số đã tăng vào tháng 5.", "vi");
    Set<Integer> no =
        translator.concepts("Regjeringen kunngjorde at befolkningen økte i mai.", "no");
    Set<Integer> shared = new HashSet<>(en);
    shared.retainAll(vi);
    assertThat(shared)
        .contains(
            concept("government"), concept("population"), concept("increase"), concept("May"));
    shared.retainAll(no);
    assertThat(shared).contains(concept("government"), concept("population"), concept("May"));
  }

  @Test
  void countriesMonthsWeekdaysAndNumbersAreThere() {
    assertThat(translator.expand("Norway", "en", Set.of("vi"))).contains("NaUy");
    assertThat(translator.expand("Triều Tiên", "vi", Set.of("en"))).contains("NorthKorea");
    assertThat(translator.expand("Monday", "en", Set.of("no", "vi"))).contains("mandag", "ThứHai");
    assertThat(translator.expand("twelve", "en", Set.of("vi"))).contains("mườihai");
    // Demonyms name their country; CLDR's other names do too.
    assertThat(translator.expand("a Vietnamese ship", "en", Set.of("vi"))).contains("ViệtNam");
    assertThat(translator.expand("nordmenn", "no", Set.of("en"))).contains("Norway");
    assertThat(translator.concepts("Turkey", "en")).isEqualTo(translator.concepts("Türkiye", "en"));
    assertThat(translator.concepts("us", "en")).isEmpty();
  }

  @Test
  void wordsOfSeveralTokensAreSearchedAsTheirPairs() {
    assertThat(QueryTranslator.asPairs("dân số")).isEqualTo("dânsố");
    assertThat(QueryTranslator.asPairs("chủ nghĩa cộng sản"))
        .isEqualTo("chủnghĩa nghĩacộng cộngsản");
    assertThat(QueryTranslator.asPairs("sông")).isEqualTo("sông");
  }

  @Test
  void onlyWholeWordsOfKnownLanguagesCount() {
    // "yearly" is not "year"; a question in an unlisted language is left alone.
    assertThat(translator.concepts("yearly", "en")).doesNotContain(concept("year"));
    assertThat(translator.expand("Quelle est la population ?", "fr", Set.of("vi")))
        .isEqualTo("Quelle est la population ?");
    assertThat(translator.expand("What is the population?", "en", Set.of("en")))
        .isEqualTo("What is the population?");
    assertThat(translator.concepts("", "en")).isEmpty();
    assertThat(translator.concepts("population", "fr")).isEmpty();
  }
}
