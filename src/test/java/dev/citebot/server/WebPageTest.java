package dev.citebot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser: Debian's headless Chromium driven by Selenium against a real
 * {@code citebot serve} on a copy of the seeds (plus one hostile article).
 */
class WebPageTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String DRIVER = "/usr/bin/chromedriver";
  static final String HOSTILE = "zz_hostile.txt";

  @TempDir static Path dir;
  static ServerFixture api;
  static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
      throw new IllegalStateException(
          "The browser tests need Chromium and its driver: apt-get install chromium"
              + " chromium-driver (.ci/run installs them).");
    }
    // An article whose text and title are markup: the page must show it as text.
    Path corpus = dir.resolve("seeds");
    Files.createDirectories(corpus);
    Files.writeString(
        corpus.resolve(HOSTILE),
        "The Zorblax <img src=x onerror=\"window.hacked=1\"> festival\n\nThe Zorblax festival"
            + " <script>window.hacked=2</script> takes place in Hanoi every May with <b>lanterns</b>.\n",
        java.nio.charset.StandardCharsets.UTF_8);
    api = ServerFixture.start(dir, Map.of());
    browser = browser("en-US", 1280, 900);
  }

  static WebDriver browser(String language, int width, int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--lang=" + language,
        "--window-size=" + width + "," + height);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (api != null) {
      api.close();
    }
  }

  @AfterEach
  void noScriptRan() {
    assertThat(((JavascriptExecutor) browser).executeScript("return window.hacked"))
        .as("script from an article ran")
        .isNull();
  }

  WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  void open() {
    browser.get(api.uri("/").toString());
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("send"), "Ask"));
  }

  /** Types {@code question}, sends it, and waits for turn number {@code turn} (1-based). */
  WebElement ask(String question, int turn) {
    WebElement box = browser.findElement(By.id("question"));
    box.clear();
    box.sendKeys(question);
    box.sendKeys(Keys.ENTER);
    By answer = By.cssSelector("#turns > li:nth-child(" + turn + ") .a");
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(answer));
  }

  static String spaced(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  @Test
  void clickingAMarkerOpensTheArticleWithTheQuoteHighlighted() {
    String question = "When did Vietnam and the DPRK establish diplomatic relations?";
    JsonNode expected = api.ask(question, null);
    JsonNode first = expected.path("citations").get(0);
    open();
    WebElement answer = ask(question, 1);
    assertThat(spaced(answer.getText())).isEqualTo(spaced(expected.path("answer").asText()));
    List<WebElement> markers = answer.findElements(By.cssSelector("a.marker"));
    assertThat(markers).hasSize(expected.path("citations").size());
    markers.get(0).click();

    WebElement panel =
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("article")));
    waiting().until(d -> !d.findElements(By.cssSelector("#article-lines mark")).isEmpty());
    String highlighted =
        browser.findElements(By.cssSelector("#article-lines mark")).stream()
            .map(WebElement::getText)
            .collect(Collectors.joining(" "));
    assertThat(spaced(highlighted)).isEqualTo(spaced(first.path("quote").asText()));
    assertThat(panel.findElement(By.id("article-title")).getText())
        .isEqualTo(first.path("title").asText());
    // The marked lines are the cited ones, and the quote is scrolled into the panel's view.
    List<String> cited =
        browser.findElements(By.cssSelector(".line.cited .num")).stream()
            .map(WebElement::getText)
            .toList();
    int from = first.path("lines").get(0).asInt();
    int to = first.path("lines").get(1).asInt();
    assertThat(cited).first().isEqualTo(String.valueOf(from));
    assertThat(cited).last().isEqualTo(String.valueOf(to));
    Object visible =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const m = document.querySelector('#article-lines mark').getBoundingClientRect();"
                    + " const p = document.getElementById('article-lines').getBoundingClientRect();"
                    + " return m.top >= p.top && m.bottom <= p.bottom;");
    assertThat(visible).isEqualTo(true);
  }

  @Test
  void aFollowUpKeepsTheConversationAndStartOverForgetsIt() {
    List<String> turns =
        List.of("Who invited Tô Lâm to visit the DPRK?", "And when did they establish relations?");
    JsonNode first = api.ask(turns.get(0), null);
    JsonNode second = api.ask(turns.get(1), first.path("conversation").asText());
    JsonNode alone = api.ask(turns.get(1), null);
    assertThat(second.path("answer").asText()).isNotEqualTo(alone.path("answer").asText());

    open();
    assertThat(spaced(ask(turns.get(0), 1).getText()))
        .isEqualTo(spaced(first.path("answer").asText()));
    assertThat(spaced(ask(turns.get(1), 2).getText()))
        .isEqualTo(spaced(second.path("answer").asText()));

    browser.findElement(By.id("new")).click();
    assertThat(browser.findElements(By.cssSelector("#turns > li"))).isEmpty();
    assertThat(spaced(ask(turns.get(1), 1).getText()))
        .isEqualTo(spaced(alone.path("answer").asText()));
  }

  @Test
  void anEmptyQuestionGetsAnErrorMessage() {
    open();
    WebElement box = browser.findElement(By.id("question"));
    box.clear();
    box.sendKeys("   ");
    browser.findElement(By.id("send")).click();
    WebElement error =
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(error.getText()).isEqualTo("Type a question first.");
    assertThat(browser.findElements(By.cssSelector("#turns > li"))).isEmpty();
  }

  @Test
  void theServersErrorSentenceIsShown() {
    open();
    ask("x".repeat(1), 1); // one letter is a question; the server answers it
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('question').removeAttribute('maxlength')");
    WebElement box = browser.findElement(By.id("question"));
    box.clear();
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('question').value = 'y'.repeat(2500)");
    browser.findElement(By.id("send")).click();
    WebElement error =
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(error.getText())
        .isEqualTo("The question is too long: 2500 characters, the limit is 2000.");
  }

  @Test
  void articleTextIsShownAsTextNeverAsMarkup() {
    open();
    WebElement answer = ask("When does the Zorblax festival take place?", 1);
    assertThat(answer.getText()).contains("<script>window.hacked=2</script>");
    answer.findElement(By.cssSelector("a.marker")).click();
    waiting().until(d -> !d.findElements(By.cssSelector("#article-lines mark")).isEmpty());
    assertThat(browser.findElement(By.id("article-lines")).getText()).contains("<b>lanterns</b>");
    assertThat(browser.findElement(By.id("article-title")).getText()).contains("<img");
    assertThat(browser.findElements(By.cssSelector("#turns img, #turns script, #turns b")))
        .isEmpty();
    assertThat(browser.findElements(By.cssSelector("#article img, #article script, #article b")))
        .isEmpty();
  }

  @Test
  void thePageSpeaksTheBrowsersLanguage() {
    for (Map.Entry<String, String> lang :
        Map.of("vi", "Hỏi", "nb-NO", "Spør", "de-DE", "Ask").entrySet()) {
      WebDriver other = browser(lang.getKey(), 800, 600);
      try {
        other.get(api.uri("/").toString());
        new WebDriverWait(other, Duration.ofSeconds(30))
            .until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("send"), lang.getValue()));
      } finally {
        other.quit();
      }
    }
  }

  @Test
  void onAPhoneTheArticleTakesTheWholeScreen() {
    WebDriver phone = browser("en-US", 390, 844);
    try {
      String file = "003_600e93926c99760f.txt";
      phone.get(api.uri("/?file=" + file + "&from=9&to=9").toString());
      WebDriverWait wait = new WebDriverWait(phone, Duration.ofSeconds(30));
      wait.until(d -> !d.findElements(By.cssSelector("#article-lines mark")).isEmpty());
      Object fills =
          ((JavascriptExecutor) phone)
              .executeScript(
                  "const r = document.getElementById('article').getBoundingClientRect();"
                      + " return r.left === 0 && r.width === window.innerWidth;");
      assertThat(fills).isEqualTo(true);
      assertThat(phone.findElement(By.cssSelector(".line.cited .num")).getText()).isEqualTo("9");
      phone.findElement(By.id("close")).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("article")));
    } finally {
      phone.quit();
    }
  }
}
