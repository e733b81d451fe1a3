package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scepra.testkit.CertRepReader.CertRep;

/** What ConsoleBrowserIT checks in a page, and the test data it needs. */
final class ConsoleChecks {
  static final String IMG = "<img src=x onerror=alert(1)>";
  static final String SCRIPT = "<script>alert(2)</script>";

  private ConsoleChecks() {}

  /** The table row that mentions {@code text}, waiting for it to show. */
  static WebElement row(ConsoleBrowser browser, String text) {
    return new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(d -> {
      List<WebElement> rows = browser.rowsContaining(text);
      return rows.isEmpty() ? null : rows.get(0);
    });
  }

  /** A CSR whose subject and SANs are markup: CN and a DNS name of {@code img}, an e-mail SAN of {@code script}. */
  static byte[] hostileCsr(ItDevice device, String img, String script) throws Exception {
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, img), new GeneralName(GeneralName.rfc822Name, script)}));
    return new JcaPKCS10CertificationRequestBuilder(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, img)
        .build(), device.key().getPublic())
        .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString(ItDevice.CHALLENGE))
        .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(device.key().getPrivate())).getEncoded();
  }

  /** No element was made of a CSR's markup, and no script ran (alert). */
  static void assertNothingRan(ConsoleBrowser browser) {
    assertEquals(List.of(), browser.driver.findElements(By.cssSelector("main td img, main td script, main dd img")),
        "markup from a CSR became elements");
    try {
      browser.driver.switchTo().alert();
      fail("a script from a CSR ran (an alert is open)");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }

  /** The page is usable at 1024 px: nothing but the tables' own scroll boxes is wider than the window. */
  static void assertFitsTheWindow(ConsoleBrowser browser) {
    Object fits = browser.driver.executeScript(
        "return document.documentElement.scrollWidth <= window.innerWidth && window.innerWidth <= 1024;");
    assertEquals(Boolean.TRUE, fits, "the page is wider than a 1024 px window");
  }

  static String thumbprint(String algorithm, X509Certificate certificate) throws Exception {
    return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm)
        .digest(certificate.getEncoded()));
  }

  /** The certificate behind the detail page's "Download PEM" link, fetched with the browser's session. */
  static X509Certificate downloadedPem(ConsoleBrowser browser, java.net.URL base) throws Exception {
    String href = browser.driver.findElement(By.linkText("Download PEM")).getDomProperty("href");
    ConsoleHttp.Answer pem = new ConsoleHttp(base, browser).getAbsolute(href);
    assertEquals(200, pem.status());
    assertTrue(pem.body().startsWith("-----BEGIN CERTIFICATE-----"), pem.body());
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.body().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  static X509CRL crl(CertRep rep) throws Exception {
    return (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new ByteArrayInputStream(((X509CRLHolder) rep.crls().get(0)).getEncoded()));
  }
}
