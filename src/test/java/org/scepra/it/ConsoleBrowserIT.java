package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.scepra.interop.JscepEnroll;
import org.scepra.ra.transaction.Fingerprints;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.ScepTestClient.Options;

/**
 * The operators' console in a real browser (Debian's chromium, headless, through Selenium), as an NDES admin uses
 * it: sign in with the keyboard, mint a challenge a real client enrolls with, approve and reject what devices wait
 * for, find and revoke a certificate, check endpoints and activity. Screenshots land in target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleBrowserIT {
  static ConsoleBrowser browser;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  private static Throwable browserFailure;

  @BeforeEach
  void openBrowser() throws Exception {
    assertTrue(ConsoleBrowser.available(), "install Debian's chromium and chromium-driver (.ci/run does)");
    if (browserFailure != null) {
      throw new AssertionError("the browser did not start for an earlier test of this class", browserFailure);
    }
    if (browser == null) {
      try {
        browser = new ConsoleBrowser(base);
      } catch (RuntimeException | IOException e) {
        browserFailure = e; // once: every test waiting minutes for a browser that will not come costs CI its hour
        throw e;
      }
    }
  }

  @AfterAll
  static void closeBrowser() throws Exception {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  @Test
  void signsInWithTheKeyboardAndOut() throws Exception {
    browser.driver.manage().deleteAllCookies();
    browser.open("admin/console/pending");
    browser.waitFor(By.id("username")).sendKeys(AdminClient.OPERATOR);
    browser.driver.findElement(By.id("password")).sendKeys("wrong-password");
    browser.driver.findElement(By.cssSelector("form.signin button")).click();
    assertTrue(browser.waitFor(By.cssSelector("p.error")).getText().contains("user name or password is wrong"));
    browser.screenshot("sign-in");

    browser.signIn(AdminClient.OPERATOR, AdminClient.OPERATOR_PASSWORD);
    assertTrue(browser.driver.getCurrentUrl().endsWith("/admin/console/pending"), browser.driver.getCurrentUrl());
    assertEquals(AdminClient.OPERATOR, browser.driver.findElement(By.id("signed-in-as")).getText());
    browser.driver.findElement(By.cssSelector("form.signout button")).click();
    assertTrue(browser.waitFor(By.cssSelector("p.ok")).getText().contains("signed out"));
    browser.open("admin/console/pending");
    browser.waitFor(By.id("username"));
    assertTrue(browser.driver.getCurrentUrl().contains("/admin/console/sign-in"), "the session is over");
  }

  @Test
  void aChallengeMintedInThePageEnrollsJscep(@TempDir Path dir) throws Exception {
    browser.signIn(AdminClient.OPERATOR, AdminClient.OPERATOR_PASSWORD);
    browser.open("admin/console/challenges");
    new Select(browser.waitFor(By.id("endpoint"))).selectByVisibleText("default");
    browser.driver.findElement(By.id("mint")).click();
    String challenge = browser.waitFor(By.id("challenge")).getText();
    assertTrue(challenge.matches("[0-9a-f]{32}"), challenge);
    List<X509Certificate> caCerts = ScepHttp.caCerts(base, "scep");
    X509Certificate root = caCerts.get(caCerts.size() - 1);
    assertEquals(ConsoleChecks.thumbprint("SHA-256", root), browser.driver.findElement(By.id("ca-sha256")).getText());
    assertEquals(ConsoleChecks.thumbprint("SHA-1", root), browser.driver.findElement(By.id("ca-sha1")).getText());
    assertFalse(browser.driver.findElements(By.cssSelector("button.copy[data-copy=challenge]")).isEmpty());
    browser.screenshot("challenges");

    String cn = "jscep-console-" + UUID.randomUUID();
    Processes.Result jscep = Processes.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(),
        Deployments.resolve(base, "scep"), cn, challenge, dir.resolve("out").toString()), dir, Duration.ofSeconds(120));
    assertTrue(jscep.succeeded(), jscep::describe);
    Certs.assertIssued(Certs.readCertificate(dir.resolve("out/cert.pem")),
        Certs.readPrivateKey(dir.resolve("out/key.pem")), cn, caCerts);
  }

  @Test
  void aRequestApprovedInThePageReachesTheDevicesNextPoll() throws Exception {
    ItDevice device = ItDevice.create(base, ManualApprovalIT.PATH);
    String tx = "tx-" + device.cn();
    byte[] csr = device.csr(ItDevice.CHALLENGE);
    assertEquals("3", device.send(csr, Options.defaults(tx)).pkiStatus());

    browser.signIn(AdminClient.OPERATOR, AdminClient.OPERATOR_PASSWORD);
    browser.open("admin/console/pending");
    WebElement row = ConsoleChecks.row(browser, tx);
    String shown = row.getText();
    for (String expected : List.of("manual", "CN=" + device.cn(), "DNS:" + device.cn() + ".example.test",
        "RSA 2048", "general-purpose", "127.0.0.1", Fingerprints.sha256(csr))) {
      assertTrue(shown.contains(expected), () -> expected + " missing from " + shown);
    }
    browser.screenshot("pending");
    row.findElement(By.cssSelector("button.approve")).click();
    assertTrue(browser.waitFor(By.cssSelector("p[role=status]")).getText().contains("ISSUED"));
    CertRep polled = device.certPoll(tx);
    assertEquals("0", polled.pkiStatus(), polled::failInfoText);
    assertEquals(device.key().getPublic(), polled.certificates().get(0).getPublicKey());
    assertTrue(browser.rowsContaining(tx).isEmpty(), "no longer listed");
  }

  @Test
  void aRejectionInThePageReachesTheDeviceWithItsReason() throws Exception {
    ItDevice device = ItDevice.create(base, ManualApprovalIT.PATH);
    String tx = "tx-" + device.cn();
    assertEquals("3", device.pkcsReq(tx).pkiStatus());
    browser.signIn(AdminClient.OPERATOR, AdminClient.OPERATOR_PASSWORD);
    browser.open("admin/console/pending");
    WebElement row = ConsoleChecks.row(browser, tx);
    row.findElement(By.name("reason")).sendKeys("not an asset of ours");
    row.findElement(By.cssSelector("form.reject button")).click();
    assertTrue(browser.waitFor(By.cssSelector("p[role=status]")).getText().contains("REJECTED"));
    CertRep polled = device.certPoll(tx);
    assertEquals("2", polled.pkiStatus());
    assertEquals("not an asset of ours", polled.failInfoText());
  }

  @Test
  void aCertificateFoundAndRevokedInThePageIsOnTheNextCrl() throws Exception {
    ItDevice device = ItDevice.create(base, "scep");
    X509Certificate issued = device.pkcsReq("tx-" + device.cn()).certificates().get(0);
    String serial = issued.getSerialNumber().toString(16);
    browser.signIn(AdminClient.OPERATOR, AdminClient.OPERATOR_PASSWORD);

    browser.open("admin/console/certificates");
    browser.waitFor(By.id("subject")).sendKeys(device.cn().substring(0, 20));
    browser.submitWith(browser.driver.findElement(By.cssSelector("form.search button")));
    assertFalse(browser.rowsContaining(serial).isEmpty(), "found by subject prefix");
    browser.open("admin/console/certificates?endpoint=default");
    assertFalse(browser.rowsContaining(serial).isEmpty(), "found by endpoint");
    browser.open("admin/console/certificates?serial=" + serial.toUpperCase());
    browser.rowsContaining(serial).get(0).findElement(By.tagName("a")).click();
    assertEquals("VALID", browser.waitFor(By.id("status")).getText());
    assertEquals(issued, ConsoleChecks.downloadedPem(browser, base));
    new Select(browser.driver.findElement(By.id("reason"))).selectByVisibleText("keyCompromise");
    browser.screenshot("certificates");
    browser.driver.findElement(By.id("revoke")).click();
    assertTrue(browser.waitFor(By.cssSelector("p[role=status]")).getText().contains("Revoked"));
    assertEquals("REVOKED", browser.driver.findElement(By.id("status")).getText());

    CertRep rep = device.getCrl(issued);
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    X509CRL crl = ConsoleChecks.crl(rep);
    crl.verify(device.ca().getPublicKey());
    assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE,
        crl.getRevokedCertificate(issued.getSerialNumber()).getRevocationReason());
  }

  @Test
  void valuesFromACsrShowAsTextAndRunNothing() throws Exception {
    ItDevice device = ItDevice.create(base, ManualApprovalIT.PATH);
    String tx = "tx-xss-" + device.cn();
    byte[] csr = ConsoleChecks.hostileCsr(device, ConsoleChecks.IMG, ConsoleChecks.SCRIPT);
    assertEquals("3", device.send(csr, Options.defaults(tx)).pkiStatus());
    browser.signIn(AdminClient.OPERATOR, AdminClient.OPERATOR_PASSWORD);
    for (String page : List.of("admin/console/pending", "admin/console/activity")) {
      browser.open(page);
      WebElement row = ConsoleChecks.row(browser, tx);
      assertTrue(row.getText().contains("img src") && row.getText().contains("onerror"), row.getText());
      ConsoleChecks.assertNothingRan(browser);
    }
    browser.open("admin/console/pending");
    String sans = ConsoleChecks.row(browser, tx).findElement(By.cssSelector(".sans")).getText();
    assertTrue(sans.contains(ConsoleChecks.IMG) && sans.contains(ConsoleChecks.SCRIPT), sans);
    ConsoleChecks.assertNothingRan(browser);
  }

  @Test
  void aCrossOriginPostWithTheOperatorsSessionChangesNothing() throws Exception {
    ItDevice device = ItDevice.create(base, ManualApprovalIT.PATH);
    String tx = "tx-" + device.cn();
    assertEquals("3", device.pkcsReq(tx).pkiStatus());
    browser.signIn(AdminClient.OPERATOR, AdminClient.OPERATOR_PASSWORD);
    browser.open("admin/console/pending");
    String token = browser.waitFor(By.name("csrf")).getDomProperty("value");
    try (CrossSitePage evil = new CrossSitePage()) {
      evil.autoSubmit(browser.url("admin/console/pending"), "alias", "manual", "transactionId", tx,
          "decision", "approve");
      browser.driver.get(evil.url());
      assertTrue(browser.waitFor(By.cssSelector("p.error")).getText().contains("did not come from a console page"));
      // even with the session's token (as if it had leaked), the other origin is refused
      evil.autoSubmit(browser.url("admin/console/pending"), "alias", "manual", "transactionId", tx,
          "decision", "approve", "csrf", token);
      browser.driver.get(evil.url());
      assertTrue(browser.waitFor(By.cssSelector("p.error")).getText().contains("did not come from a console page"));
    }
    ConsoleHttp http = new ConsoleHttp(base, browser);
    String form = "alias=manual&transactionId=" + tx + "&decision=approve&csrf=" + token;
    assertEquals(403, http.post("admin/console/pending", form, "Origin", "http://127.0.0.1:" + CrossSitePage.PORT));
    assertEquals(403, http.post("admin/console/pending", form, "Sec-Fetch-Site", "cross-site"));
    assertEquals(403, http.post("admin/console/pending", form.replace(token, "forged"), "Origin", http.origin()));
    assertTrue(ManualApprovalIT.pendingEntry(AdminClient.operator(base), "CN=" + device.cn()).isPresent());
    assertEquals("3", device.certPoll(tx).pkiStatus(), "nothing changed");
    assertEquals(200, http.post("admin/console/pending", form, "Origin", http.origin()), "the console's own form");
    assertEquals("0", device.certPoll(tx).pkiStatus());
  }

  @Test
  void aChallengeIssuerSeesOnlyChallenges() throws Exception {
    ItDevice device = ItDevice.create(base, ManualApprovalIT.PATH);
    String tx = "tx-" + device.cn();
    assertEquals("3", device.pkcsReq(tx).pkiStatus());
    browser.signIn("it-mdm", "it-mdm-pw-2");
    assertTrue(browser.driver.getCurrentUrl().endsWith("/admin/console/challenges"), browser.driver.getCurrentUrl());
    String nav = browser.driver.findElement(By.tagName("nav")).getText();
    assertTrue(nav.contains("Challenges") && !nav.contains("Pending") && !nav.contains("Certificates"), nav);
    new Select(browser.waitFor(By.id("endpoint"))).selectByVisibleText("default");
    browser.driver.findElement(By.id("mint")).click();
    assertTrue(browser.waitFor(By.id("challenge")).getText().matches("[0-9a-f]{32}"));

    for (String page : List.of("pending", "certificates", "endpoints", "activity")) {
      browser.open("admin/console/" + page);
      assertTrue(browser.mainText().contains("for operators"), page + ": " + browser.mainText());
    }
    browser.open("admin/console/challenges");
    String token = browser.waitFor(By.name("csrf")).getDomProperty("value");
    ConsoleHttp http = new ConsoleHttp(base, browser);
    assertEquals(403, http.post("admin/console/pending", "alias=manual&transactionId=" + tx
        + "&decision=approve&csrf=" + token, "Origin", http.origin()));
    assertEquals("3", device.certPoll(tx).pkiStatus(), "still waiting");
  }

  @Test
  void endpointsAndActivityShowWhatOperatorsCheck() throws Exception {
    ItDevice device = ItDevice.create(base, "scep");
    String tx = "tx-" + device.cn();
    assertEquals("0", device.pkcsReq(tx).pkiStatus());
    browser.signIn(AdminClient.OPERATOR, AdminClient.OPERATOR_PASSWORD);
    browser.open("admin/console/endpoints");
    String endpoints = browser.waitFor(By.id("ep-default")).findElement(By.xpath("..")).getText();
    assertTrue(endpoints.contains("http://127.0.0.1:" + base.getPort() + "/scep/default"), endpoints);
    assertTrue(endpoints.contains("ready") && endpoints.contains("internal-ca"), endpoints);
    assertTrue(endpoints.contains(ConsoleChecks.thumbprint("SHA-256", device.ca())), endpoints);
    assertTrue(endpoints.contains("POSTPKIOperation"), endpoints);
    ConsoleChecks.assertFitsTheWindow(browser);
    browser.screenshot("endpoints");

    browser.open("admin/console/activity");
    assertTrue(ConsoleChecks.row(browser, tx).getText().contains("ISSUED"));
    ConsoleChecks.assertFitsTheWindow(browser);
    browser.screenshot("activity");
    ItDevice waiting = ItDevice.create(base, ManualApprovalIT.PATH);
    assertEquals("3", waiting.pkcsReq("tx-" + waiting.cn()).pkiStatus());
    browser.open("admin/console/pending");
    WebElement approve = ConsoleChecks.row(browser, "tx-" + waiting.cn()).findElement(By.cssSelector("button.approve"));
    assertTrue((Boolean) browser.driver.executeScript("const r = arguments[0].getBoundingClientRect();"
        + " return r.right <= window.innerWidth && r.left >= 0;", approve), "Approve is visible without scrolling");
    ConsoleChecks.assertFitsTheWindow(browser);
  }

  @Test
  void pagesCarryTheSecurityHeadersAndTheSessionCookieItsFlags() {
    ConsoleHttp.Answer signIn = ConsoleHttp.signIn(base, AdminClient.OPERATOR, AdminClient.OPERATOR_PASSWORD);
    assertEquals(303, signIn.status());
    String cookie = signIn.header("Set-Cookie");
    // attribute names and values are case-insensitive (RFC 6265 5.2); Payara writes "SameSite=strict"
    assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly")
        && cookie.toLowerCase(java.util.Locale.ROOT).contains("samesite=strict"), cookie);
    ConsoleHttp.Answer page = ConsoleHttp.get(base, "admin/console/challenges", cookie.split(";", 2)[0]);
    assertEquals(200, page.status());
    String csp = page.header("Content-Security-Policy");
    assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'")
        && !csp.contains("unsafe-inline"), csp);
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    assertEquals("no-store", page.header("Cache-Control"));
    assertEquals(303, ConsoleHttp.get(base, "admin/console/challenges", "").status(), "no session: sign in");
    assertEquals(200, AdminClient.operator(base).get("pending").status(), "the JSON API keeps Basic");
  }
}
