package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.interop.JscepEnroll;
import org.scepra.testkit.ScepTestClient.Options;

/**
 * NDES's challenge page, read as an MDM that integrates with NDES reads it, and a real client (jscep) enrolling
 * with the challenge found there, on NDES's own SCEP path.
 */
@ExtendWith(ArquillianExtension.class)
class MscepAdminIT {
  static final String PAGE = "certsrv/mscep_admin/";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  @Test
  void anMdmReadsTheChallengeAndJscepEnrollsWithIt(@TempDir Path dir) throws Exception {
    NdesPage page = NdesPage.get(base, PAGE, "it-mdm", "it-mdm-pw-2");
    assertEquals(200, page.status(), page.text());
    assertEquals("text/html; charset=utf-16", page.contentType().toLowerCase().replace(";charset", "; charset"));
    assertTrue(page.startsWithLittleEndianBom(), "UTF-16LE with a byte-order mark, as NDES answers");
    assertEquals("no-store", page.cacheControl());
    String challenge = page.challenge().orElseThrow(() -> new AssertionError(page.text()));
    assertTrue(challenge.matches("[0-9a-f]{32}"), challenge);
    List<X509Certificate> caCerts = ScepHttp.caCerts(base, "scep");
    X509Certificate root = caCerts.get(caCerts.size() - 1);
    assertEquals(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
        .digest(root.getEncoded())), page.thumbprint().orElseThrow());
    assertTrue(page.text().contains("This password can be used only once and will expire within 60 minutes."),
        page.text());

    String cn = "jscep-ndes-" + UUID.randomUUID();
    Path out = dir.resolve("out");
    Processes.Result jscep = Processes.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(),
        Deployments.resolve(base, "certsrv/mscep/mscep.dll"), cn, challenge, out.toString()), dir,
        Duration.ofSeconds(120));
    assertTrue(jscep.succeeded(), jscep::describe);
    X509Certificate issued = Certs.readCertificate(out.resolve("cert.pem"));
    Certs.assertIssued(issued, Certs.readPrivateKey(out.resolve("key.pem")), cn, caCerts);

    ItDevice again = ItDevice.create(base, "scep");
    assertEquals("2", again.send(again.csr(challenge), Options.defaults("tx-" + again.cn())).pkiStatus(),
        "the page's challenge works once");
    Path serverLog = Path.of(System.getProperty("wildfly.home"), "standalone", "log", "server.log");
    if (!ItServer.isPayara() && Files.exists(serverLog)) {
      String log = Files.readString(serverLog);
      assertFalse(log.contains(challenge), "the challenge is never logged");
      assertTrue(log.contains("event=mintChallenge actor=\"it-mdm\" alias=\"default\" outcome=\"DONE\""),
          "minted and audited as POST /admin/challenges does");
    }
  }

  @Test
  void everyNdesPathServesANewChallenge() {
    String first = challengeAt("certsrv/mscep_admin");
    String second = challengeAt("certsrv/mscep_admin/");
    String third = challengeAt("certsrv/mscep_admin/default.asp");
    assertNotEquals(first, second);
    assertNotEquals(second, third);
    assertEquals(404, NdesPage.get(base, "certsrv/mscep_admin/other.asp", "it-mdm", "it-mdm-pw-2").status());
  }

  @Test
  void asksForBasicCredentialsAndRefusesWrongOnes() {
    NdesPage anonymous = NdesPage.get(base, PAGE, null, null);
    assertEquals(401, anonymous.status());
    assertTrue(anonymous.authenticate().startsWith("Basic realm="), anonymous.authenticate());
    assertEquals(401, NdesPage.get(base, PAGE, "it-mdm", "wrong").status());
    assertTrue(NdesPage.get(base, PAGE, "it-mdm", "wrong").challenge().isEmpty());
  }

  @Test
  void aUserWithoutEitherRoleGetsNdesPermissionText() {
    NdesPage page = NdesPage.get(base, PAGE, "it-viewer", "it-viewer-pw-1");
    assertEquals(403, page.status());
    assertTrue(page.startsWithLittleEndianBom());
    assertTrue(page.text().contains("You do not have sufficient permission to enroll with SCEP."), page.text());
    assertTrue(page.challenge().isEmpty());
  }

  /** scepra.one-time-challenge.max-outstanding-per-operator (100) unused challenges, then NDES's full-cache text. */
  @Test
  void theCapReachedSaysThePasswordCacheIsFull() {
    NdesPage page = null;
    int minted = 0;
    for (int i = 0; i <= 100; i++) {
      page = NdesPage.get(base, PAGE, "it-cachefull", "it-cachefull-pw-3");
      assertEquals(200, page.status(), page.text());
      if (page.challenge().isEmpty()) {
        break;
      }
      minted++;
    }
    assertTrue(minted <= 100, "at most the cap is minted");
    assertTrue(page.text().contains("The password cache is full."), page.text());
    assertTrue(NdesPage.get(base, PAGE, "it-cachefull", "it-cachefull-pw-3").text()
        .contains("The password cache is full."), "and stays full");
    assertTrue(NdesPage.get(base, PAGE, "it-mdm", "it-mdm-pw-2").challenge().isPresent(), "per operator");
  }

  private String challengeAt(String path) {
    NdesPage page = NdesPage.get(base, path, "it-operator", AdminClient.OPERATOR_PASSWORD);
    assertEquals(200, page.status(), path + ": " + page.text());
    return page.challenge().orElseThrow(() -> new AssertionError(path + ": " + page.text()));
  }
}
