package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.intune.Answer;
import org.scepra.testkit.intune.IntuneDouble;
import org.scepra.testkit.intune.Journal;
import org.scepra.testkit.intune.Scenario;

/**
 * scepra as an Intune tenant's SCEP server (endpoint {@code intune} of it-server.properties), against the Intune
 * double on 127.0.0.1:{@link IntuneTenant#PORT}: validate, issue, notify, deliver; every refusal; retransmissions;
 * certificates Intune does not confirm; revocations Intune queues; tokens and a moved tenant.
 */
@ExtendWith(ArquillianExtension.class)
class IntuneIT {
  static final String PATH = "scep/intune";
  /** Intune's strong-mapping SAN (KB5014754). */
  static final String SID_URL = "tag:microsoft.com,2022-09-14:sid:S-1-5-21-1004336348-1177238915-682003330-1105";
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

  @BeforeEach
  void defaults() {
    intune.tokenLifetime = Duration.ofSeconds(3599);
  }

  /** A device's CSR as Intune's profile asks for it: its CN, a DNS name, the SID URL, and {@code challenge}. */
  static byte[] csr(ItDevice device, String challenge) {
    try {
      return Csrs.withAltNames(device.key(), "CN=" + device.cn(), challenge,
          new GeneralName(GeneralName.dNSName, device.cn() + ".example.test"),
          new GeneralName(GeneralName.uniformResourceIdentifier, SID_URL)).getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  CertRep enrol(ItDevice device, String transactionId, Scenario scenario) {
    return device.send(csr(device, intune.challenge(scenario)), Options.defaults(transactionId));
  }

  static List<String> services(String transactionId) {
    return intune.journal().scepActions(transactionId).stream().map(Journal.Call::service).toList();
  }

  @Test
  void validatesIssuesNotifiesThenDeliversACertificateWithTheSidUrl() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    String transactionId = "tx-" + device.cn();
    byte[] csr = csr(device, intune.challenge(Scenario.accepted().forSubject("CN=" + device.cn())));

    CertRep rep = device.send(csr, Options.defaults(transactionId));
    Instant delivered = Instant.now();

    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    X509Certificate issued = rep.certificates().get(0);
    assertTrue(issued.getSubjectAlternativeNames().contains(List.of(6, SID_URL)), "carries the SID URL");
    List<Journal.Call> calls = intune.journal().scepActions(transactionId);
    assertEquals(List.of("validateRequest", "successNotification"), calls.stream().map(Journal.Call::service).toList());
    assertArrayEquals(csr, Base64.getDecoder().decode(calls.get(0).payload().getString("certificateRequest")),
        "the CSR byte for byte");
    JsonObject notified = calls.get(1).payload();
    assertEquals(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(issued.getEncoded())),
        notified.getString("certificateThumbprint"), "the delivered certificate is the one Intune was told of");
    assertEquals(issued.getSerialNumber().toString(16), notified.getString("certificateSerialNumber"));
    assertEquals(issued.getNotAfter().toInstant(), Instant.parse(notified.getString("certificateExpirationDateUtc")));
    assertEquals(issued.getIssuerX500Principal().getName(), notified.getString("issuingCertificateAuthority"));
    assertTrue(calls.get(1).at().isBefore(delivered), "Intune knew before the device had it");
  }

  @Test
  void eachRefusalNamesIntunesCodeAndNothingIsIssuedOrNotified() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    record Case(String transactionId, String challenge, String code) {}
    List<Case> cases = List.of(
        new Case("tx-expired-" + device.cn(), intune.challenge(Scenario.refused("ChallengeExpired",
            "SCEP challenge has expired. challengeExpInterval=60")), "ChallengeExpired"),
        new Case("tx-subject-" + device.cn(), intune.challenge(Scenario.accepted().forSubject("CN=another-device")),
            "SubjectNameMismatch"),
        new Case("tx-untargeted-" + device.cn(), intune.challenge(Scenario.refused(
            "ScepProfileNoLongerTargetedToTheClient", "")), "ScepProfileNoLongerTargetedToTheClient"),
        new Case("tx-tenant-" + device.cn(), intune.challenge(Scenario.refused("BadTenantIdInChallenge",
            "tenantId in challenge does not match tenantId from security token.")), "BadTenantIdInChallenge"),
        // other endpoints' static challenge: Intune alone decides here
        new Case("tx-static-" + device.cn(), ItDevice.CHALLENGE, "ChallengeDeserializationError"));
    for (Case c : cases) {
      CertRep rep = device.send(csr(device, c.challenge()), Options.defaults(c.transactionId()));

      assertEquals("2", rep.pkiStatus(), c.code());
      assertEquals("2", rep.failInfo(), "badRequest");
      assertEquals("Intune refused the request: " + c.code(), rep.failInfoText());
      assertEquals(List.of("validateRequest"), services(c.transactionId()), "no notification for " + c.code());
    }
  }

  @Test
  void whenIntuneFailsDoesNotAnswerInTimeOrAnswersNonsenseTheRequestIsRefused() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    record Case(String transactionId, byte[] csr, String what) {}
    List<Case> cases = List.of(
        new Case("tx-401-" + device.cn(), csr(device, intune.challenge(Scenario.unauthorized())), "HTTP 401"),
        new Case("tx-500-" + device.cn(), csr(device, intune.challenge(Scenario.internalError())), "HTTP 500"),
        new Case("tx-html-" + device.cn(), csr(device, intune.challenge(Scenario.html())), "unexpected answer"),
        new Case("tx-slow-" + device.cn(), csr(device, intune.challenge(Scenario.slow(Duration.ofSeconds(20)))),
            "timeout"));
    for (Case c : cases) {
      long start = System.nanoTime();
      CertRep rep = device.send(c.csr(), Options.defaults(c.transactionId()));
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals("2", rep.failInfo(), c.what());
      assertEquals("Intune could not validate the request (" + c.what() + "); try again later", rep.failInfoText());
      assertTrue(millis < 18_000, c.what() + " answered after " + millis + " ms");
      assertTrue(services(c.transactionId()).stream().noneMatch(s -> s.endsWith("Notification")), c.what());
    }
    Case failed = cases.get(1);
    assertEquals(2, services(failed.transactionId()).size(), "once, and once more at a rediscovered address");
    // Intune decided nothing, so nothing was recorded: the retransmission asks again
    device.send(failed.csr(), Options.defaults(failed.transactionId()));
    assertEquals(4, services(failed.transactionId()).size());
  }

  @Test
  void aRetransmissionReplaysTheRecordedOutcomeWithoutAskingIntuneAgain() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    String issuedTx = "tx-ok-" + device.cn();
    byte[] csr = csr(device, intune.challenge(Scenario.accepted()));
    CertRep first = device.send(csr, Options.defaults(issuedTx));
    CertRep replayed = device.send(csr, Options.defaults(issuedTx));

    assertEquals("0", replayed.pkiStatus(), replayed::failInfoText);
    assertEquals(first.certificates().get(0), replayed.certificates().get(0));
    assertEquals(List.of("validateRequest", "successNotification"), services(issuedTx));

    String refusedTx = "tx-refused-" + device.cn();
    byte[] refusedCsr = csr(device, intune.challenge(Scenario.refused("ChallengeExpired", "expired")));
    device.send(refusedCsr, Options.defaults(refusedTx));
    CertRep refusedAgain = device.send(refusedCsr, Options.defaults(refusedTx));

    assertEquals("Intune refused the request: ChallengeExpired", refusedAgain.failInfoText());
    assertEquals(List.of("validateRequest"), services(refusedTx));
  }

  @Test
  void aCertificateIntuneDoesNotConfirmIsWithheldRevokedAndReplayedAsFailure() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    String transactionId = "tx-" + device.cn();
    byte[] csr = csr(device, intune.challenge(Scenario.accepted().successNotification(Answer.internalError())));

    CertRep rep = device.send(csr, Options.defaults(transactionId));

    assertEquals("2", rep.failInfo());
    assertEquals("Intune did not confirm the issued certificate (HTTP 500), so it was not delivered and was revoked",
        rep.failInfoText());
    assertTrue(rep.certificates().isEmpty());
    assertEquals(List.of("validateRequest", "successNotification", "successNotification"), services(transactionId));
    String serial = intune.journal().scepActions(transactionId).get(1).payload().getString("certificateSerialNumber");
    AdminClient.Reply recorded = AdminClient.operator(base).get("certificates/" + serial);
    assertEquals(200, recorded.status(), recorded.body());
    assertTrue(recorded.body().contains("\"status\":\"REVOKED\""), recorded.body());

    CertRep replayed = device.send(csr, Options.defaults(transactionId));
    assertEquals(rep.failInfoText(), replayed.failInfoText());
    assertEquals(3, services(transactionId).size(), "Intune is not asked again");
  }

  @Test
  void whenIntuneThrottlesTheServerWaitsAsAskedAndTheDeviceGetsItsCertificate() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    String transactionId = "tx-" + device.cn();
    byte[] csr = csr(device, intune.challenge(Scenario.accepted()));
    intune.throttleScaleUnit("successNotification", 1, Duration.ofSeconds(1));

    CertRep rep = device.send(csr, Options.defaults(transactionId));

    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    assertEquals(List.of("validateRequest", "throttled", "successNotification"), services(transactionId));
    assertEquals(0, intune.earlyCalls(), "nothing was sent before Retry-After had passed");
    String serial = rep.certificates().get(0).getSerialNumber().toString(16);
    AdminClient.Reply recorded = AdminClient.operator(base).get("certificates/" + serial);
    assertTrue(recorded.body().contains("\"status\":\"VALID\""), recorded.body());
  }

  @Test
  void aRevocationIntuneQueuesIsCarriedOutAndReported() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    X509Certificate issued = enrol(device, "tx-" + device.cn(), Scenario.accepted()).certificates().get(0);
    String serial = issued.getSerialNumber().toString(16);

    String retired = intune.queueRevocation(serial.toUpperCase(), issued.getIssuerX500Principal().getName());
    String unknown = intune.queueRevocation("7e57ab1e0000000000000001", issued.getIssuerX500Principal().getName());

    JsonObject result = await(retired);
    assertTrue(result.getBoolean("succeeded"), result::toString);
    assertEquals("0", result.getString("errorCode"));
    assertTrue(AdminClient.operator(base).get("certificates/" + serial).body().contains("\"status\":\"REVOKED\""));
    JsonObject notOurs = await(unknown);
    assertFalse(notOurs.getBoolean("succeeded"));
    assertEquals("4004", notOurs.getString("errorCode"));
  }

  @Test
  void tokensAreRenewedWhenRefusedOrAboutToExpireAndAMovedTenantIsFoundAgain() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    intune.invalidateTokens();
    int tokens = intune.journal().of("token").size();
    assertEquals("0", enrol(device, "tx-refused-token-" + device.cn(), Scenario.accepted()).pkiStatus());
    assertTrue(intune.journal().of("token").size() > tokens, "a refused token was replaced");

    intune.tokenLifetime = Duration.ofSeconds(10);
    intune.invalidateTokens();
    assertEquals("0", enrol(device, "tx-short-token-" + device.cn(), Scenario.accepted()).pkiStatus());
    int shortLived = intune.journal().of("token").size();
    int callsBefore = intune.journal().all().size();
    Thread.sleep(6000); // past half the 10 s lifetime: the kept tokens must be renewed before use
    assertEquals("0", enrol(device, "tx-renewed-token-" + device.cn(), Scenario.accepted()).pkiStatus());
    assertTrue(intune.journal().of("token").size() > shortLived, "renewed before it expired");
    assertTrue(intune.journal().all().stream().skip(callsBefore).noneMatch(c -> c.status() == 401),
        "renewed in time: no call was refused");

    String oldPath = intune.journal().scepActions("tx-renewed-token-" + device.cn()).get(0).path();
    intune.moveScaleUnit();
    assertEquals("0", enrol(device, "tx-moved-" + device.cn(), Scenario.accepted()).pkiStatus());
    assertFalse(intune.journal().scepActions("tx-moved-" + device.cn()).get(0).path().equals(oldPath),
        "validated at the tenant's new scale unit");
  }

  @Test
  void readinessNamesIntuneAndMetricsCountItsAnswers() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    assertEquals("0", enrol(device, "tx-" + device.cn(), Scenario.accepted()).pkiStatus());
    enrol(device, "tx-refused-" + device.cn(), Scenario.refused("ChallengeExpired", "expired"));

    // probed at most once a minute: a probe from before the double started may stand for up to a minute
    String check = await(() -> {
      String ready = ScepHttp.get(base, "status/ready").text();
      return ready.contains("{\"name\":\"intune:intune\",\"status\":\"UP\"") ? ready : null;
    }, Duration.ofSeconds(90));
    assertTrue(check.contains("ScepRequestValidationFEService at 127.0.0.1"), check);
    String metrics = ScepHttp.get(base, "status/metrics").text();
    assertTrue(metrics.contains("scepra_intune_validations_total{alias=\"intune\",code=\"Success\"}"), metrics);
    assertTrue(metrics.contains("scepra_intune_validations_total{alias=\"intune\",code=\"ChallengeExpired\"}"), metrics);
    assertTrue(metrics.contains("scepra_intune_notifications_total{alias=\"intune\",notification=\"success\","
        + "code=\"Success\"}"), metrics);
  }

  static JsonObject await(String requestContext) throws InterruptedException {
    return await(() -> intune.revocationResult(requestContext).orElse(null), Duration.ofSeconds(60));
  }

  static <T> T await(java.util.function.Supplier<T> probe, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      assertTrue(System.nanoTime() < deadline, "nothing within " + patience);
      Thread.sleep(250);
    }
  }
}
