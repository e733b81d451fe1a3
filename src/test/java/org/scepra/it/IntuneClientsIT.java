package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.interop.JscepEnroll;
import org.scepra.testkit.intune.IntuneDouble;
import org.scepra.testkit.intune.Journal;
import org.scepra.testkit.intune.Scenario;

/**
 * Real SCEP clients written by others enrolling through Intune endpoints with challenges the Intune double hands
 * out: jscep 2.5.6 (its own JVM) on {@code intune}, micromdm scepclient (single DES, so on the legacy-algorithm
 * endpoint {@code intunedes}). sscep is not installable here (no Debian package).
 */
@ExtendWith(ArquillianExtension.class)
class IntuneClientsIT {
  static final Duration TIMEOUT = Duration.ofSeconds(120);
  static final String SCEPCLIENT = System.getProperty("scepclient", "/usr/bin/scepclient");
  static IntuneDouble intune;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  @BeforeAll
  static void startIntune() throws Exception {
    intune = IntuneTenant.start();
  }

  @AfterAll
  static void stopIntune() {
    intune.close();
  }

  Processes.Result jscep(String cn, String challenge, Path dir) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(),
        Deployments.resolve(base, "scep/intune"), cn, challenge, dir.resolve("out").toString()));
    return Processes.run(command, dir, TIMEOUT);
  }

  Processes.Result scepclient(String cn, String challenge, Path dir) {
    assertTrue(Files.isExecutable(Path.of(SCEPCLIENT)), SCEPCLIENT + " not found: install Debian's 'scep' (.ci/run does)");
    return Processes.run(List.of(SCEPCLIENT, "-server-url", Deployments.resolve(base, "scep/intunedes"),
        "-challenge", challenge, "-cn", cn, "-keySize", "2048", "-private-key", dir.resolve("key.pem").toString(),
        "-certificate", dir.resolve("cert.pem").toString()), dir, TIMEOUT);
  }

  /**
   * The ScepActions calls about the request whose subject has the CN {@code cn} (scepclient adds O, OU and C),
   * whatever transactionID the client chose.
   */
  static List<String> intuneCalls(String cn) {
    String transactionId = intune.journal().of("validateRequest").stream()
        .filter(call -> commonName(subject(call)).equals(cn))
        .map(call -> call.payload().getString("transactionId")).findFirst()
        .orElseThrow(() -> new AssertionError("Intune was never asked about CN=" + cn));
    return intune.journal().scepActions(transactionId).stream().map(Journal.Call::service).toList();
  }

  static String commonName(X500Name subject) {
    var rdns = subject.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
    return rdns.length == 0 ? "" : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }

  static X500Name subject(Journal.Call call) {
    try {
      return new PKCS10CertificationRequest(Base64.getDecoder().decode(call.payload().getString("certificateRequest")))
          .getSubject();
    } catch (Exception e) {
      return new X500Name("CN=unreadable");
    }
  }

  @Test
  void jscepEnrollsWithAChallengeIntuneAccepts(@TempDir Path dir) {
    String cn = "jscep-intune-" + UUID.randomUUID();

    Processes.Result result = jscep(cn, intune.challenge(Scenario.accepted().forSubject("CN=" + cn)), dir);

    assertTrue(result.succeeded(), result::describe);
    X509Certificate issued = Certs.readCertificate(dir.resolve("out").resolve("cert.pem"));
    Certs.assertIssued(issued, Certs.readPrivateKey(dir.resolve("out").resolve("key.pem")), cn,
        ScepHttp.caCerts(base, "scep/intune"));
    assertEquals(List.of("validateRequest", "successNotification"), intuneCalls(cn));
  }

  @Test
  void jscepGetsFailureWhenIntuneRefuses(@TempDir Path dir) {
    String cn = "jscep-intune-" + UUID.randomUUID();

    Processes.Result result = jscep(cn, intune.challenge(Scenario.refused("ChallengeExpired", "expired")), dir);

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.output().contains("FAILURE BAD_REQUEST") || result.output().contains("FAILURE badRequest"),
        result::describe);
    assertFalse(Files.exists(dir.resolve("out").resolve("cert.pem")));
    assertEquals(List.of("validateRequest"), intuneCalls(cn));
  }

  @Test
  void scepclientEnrollsOnTheLegacyIntuneEndpoint(@TempDir Path dir) {
    String cn = "scepclient-intune-" + UUID.randomUUID();

    Processes.Result result = scepclient(cn, intune.challenge(Scenario.accepted()), dir);

    assertTrue(result.succeeded(), result::describe);
    X509Certificate issued = Certs.readCertificate(dir.resolve("cert.pem"));
    Certs.assertIssued(issued, Certs.readPrivateKey(dir.resolve("key.pem")), cn,
        ScepHttp.caCerts(base, "scep/intunedes"));
    assertEquals(List.of("validateRequest", "successNotification"), intuneCalls(cn));
  }

  @Test
  void scepclientGetsBadRequestWhenIntuneRefuses(@TempDir Path dir) {
    String cn = "scepclient-intune-" + UUID.randomUUID();

    Processes.Result result = scepclient(cn, intune.challenge(Scenario.accepted().forSubject("CN=someone-else")), dir);

    assertFalse(result.timedOut(), result::describe);
    assertTrue(result.exitCode() != 0, result::describe);
    assertTrue(result.output().contains("badRequest"), result::describe);
    assertFalse(Files.exists(dir.resolve("cert.pem")));
    assertEquals(List.of("validateRequest"), intuneCalls(cn));
  }
}
