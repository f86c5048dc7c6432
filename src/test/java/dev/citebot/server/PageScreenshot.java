package dev.citebot.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the README's screenshot of the page (not a test): asks a question on a running {@code
 * citebot serve}, opens citation [1], and saves the window as PNG.
 *
 * <p>Arguments: base URL, output file, question.
 */
public final class PageScreenshot {
  private PageScreenshot() {}

  public static void main(String[] args) throws Exception {
    WebDriver browser = WebPageTest.browser("en-US", 1100, 620);
    try {
      browser.get(args[0] + "/");
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("send"), "Ask"));
      browser.findElement(By.id("question")).sendKeys(args[2], Keys.ENTER);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".a a.marker")))
          .click();
      wait.until(d -> !d.findElements(By.cssSelector("#article-lines mark")).isEmpty());
      Thread.sleep(300); // the scroll to the quote
      Files.write(Path.of(args[1]), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
  }
}
