package dev.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
  private static LanguageDetector detector;

  @BeforeAll
  static void load() {
    long t0 = System.nanoTime();
    detector = new LanguageDetector();
    System.out.printf(
        "LanguageDetector loaded %d profiles in %d ms%n",
        LanguageDetector.PROFILES.size(), (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void detectsArticleLanguages() {
    assertThat(
            detector.detect(
                "Hai bên đã ký kết một số hiệp định hợp tác song phương trong các lĩnh vực về"
                    + " văn hóa, y tế, vận tải hàng không dân dụng."))
        .isEqualTo("vi");
    assertThat(
            detector.detect(
                "De to lederne diskuterte regionale og internasjonale situasjoner, og ble enige"
                    + " om å styrke samarbeidet og støtte hverandre."))
        .isEqualTo("no");
    assertThat(
            detector.detect(
                "The two countries have also signed several bilateral cooperation agreements in"
                    + " the fields of culture and health."))
        .isEqualTo("en");
    assertThat(detector.detect("")).isEqualTo("und");
  }

  @Test
  void detectsShortQuestions() {
    assertThat(detector.detectQuestion("Việt Nam và Triều Tiên đã ký những văn kiện nào?"))
        .isEqualTo("vi");
    assertThat(detector.detectQuestion("Ai là tổng bí thư?")).isEqualTo("vi");
    assertThat(detector.detectQuestion("Hva ble de to lederne enige om på møtet?")).isEqualTo("no");
    assertThat(detector.detectQuestion("Who signed the agreement in Minsk?")).isEqualTo("en");
    assertThat(detector.detectQuestion("?")).isEqualTo("en");
  }

  @Test
  void vietnameseLettersAreTheUnambiguousOnes() {
    assertThat(LanguageDetector.hasVietnameseLetter("hôtel être")).isFalse();
    assertThat(LanguageDetector.hasVietnameseLetter("Đà Nẵng")).isTrue();
    assertThat(LanguageDetector.hasNorwegianLetter("blåbær")).isTrue();
    assertThat(LanguageDetector.hasNorwegianLetter("på väg hem")).isFalse();
  }
}
