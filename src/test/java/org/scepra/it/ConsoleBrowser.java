package org.scepra.it;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven by Debian's chromedriver through Selenium. Both paths are given explicitly so
 * that Selenium Manager never tries to download a browser or driver; a fresh profile each time.
 */
final class ConsoleBrowser implements AutoCloseable {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  final ChromeDriver driver;
  private final Path profile;
  private final URL base;

  ConsoleBrowser(URL base) throws IOException {
    this.base = Deployments.loopback(base);
    // normalized: chromedriver never sees a browser start whose profile path has a "..", and waits for it for ever
    // (Payara's run has java.io.tmpdir under src/../target)
    this.profile = Files.createTempDirectory("scepra-chromium-").toAbsolutePath().normalize();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--window-size=1024,900");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    // a minute for the browser to start, not Selenium's three: a browser that does not come fails the class soon
    this.driver = new ChromeDriver(service, options, ClientConfig.defaultConfig().readTimeout(Duration.ofSeconds(60)));
    driver.manage().window().setSize(new Dimension(1024, 900));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
  }

  static boolean available() {
    return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
  }

  /** An absolute URL on the server under test. */
  String url(String path) {
    return base + path;
  }

  void open(String path) {
    driver.get(url(path));
  }

  /** Signs in through the form with the keyboard only: type, Tab, type, Enter. */
  void signIn(String user, String password) {
    driver.manage().deleteAllCookies();
    open("admin/");
    WebElement name = waitFor(By.id("username"));
    name.sendKeys(user);
    name.sendKeys(Keys.TAB);
    driver.switchTo().activeElement().sendKeys(password, Keys.ENTER);
    waitFor(By.id("signed-in-as"));
  }

  WebElement waitFor(By locator) {
    return new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(locator));
  }

  /** Clicks a button that submits a form and waits until the browser shows the page the server answered with. */
  void submitWith(WebElement button) {
    // a mark on the page shown now: the answer's page is a new document, without it. (Waiting for an element of the
    // old page to go stale does not do: Chrome may report it as "not in the document" instead.)
    driver.executeScript("window.scepraPageBefore = true;");
    button.click();
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
      try {
        return Boolean.FALSE.equals(driver.executeScript("return window.scepraPageBefore === true;"));
      } catch (WebDriverException e) {
        return false; // between the two documents
      }
    });
    waitFor(By.tagName("main"));
  }

  String mainText() {
    return driver.findElement(By.tagName("main")).getText();
  }

  List<WebElement> rowsContaining(String text) {
    return driver.findElements(By.xpath("//tr[td[contains(., " + xpathLiteral(text) + ")]]"));
  }

  /** Saves what the browser shows as target/screenshots/&lt;server&gt;-&lt;name&gt;.png. */
  void screenshot(String name) throws IOException {
    Path dir = Path.of(System.getProperty("scepra.war")).getParent().resolve("screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(ItServer.name() + "-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  static String xpathLiteral(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
