package org.scepra.ra.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.authz.ConfigReader;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.ScepraSettings;
import org.scepra.ra.identity.RaIdentity;
import org.scepra.ra.intune.HResults;
import org.scepra.ra.intune.IntuneAudit;
import org.scepra.ra.intune.IntuneClient;
import org.scepra.ra.intune.IntuneEndpoints;
import org.scepra.ra.intune.IntuneMetrics;
import org.scepra.ra.intune.IntuneSettings;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionStatus;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CertificateRevoker;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.MapConfig;
import org.scepra.testkit.TestPki;
import org.scepra.testkit.intune.Answer;
import org.scepra.testkit.intune.IntuneDouble;
import org.scepra.testkit.intune.Journal;
import org.scepra.testkit.intune.Scenario;

/** An Intune endpoint's issuance: validate, issue, notify, record, in that order, and what each failure leaves. */
class IntuneIssuanceTest {
  static final KeyPair KEY = TestPki.rsa(2048);
  static final TestPki.RaFixture RA = TestPki.RaFixture.create();

  /** A CA that answers {@link #answer} (a certificate by default) and revokes. */
  static final class Ca implements CaBackend, CertificateRevoker {
    final List<String> calls = new ArrayList<>();
    volatile IssueResult answer;

    @Override
    public synchronized IssueResult issue(IssueRequest request) {
      calls.add("issue " + request.transactionId());
      if (answer != null) {
        return answer;
      }
      return new IssueResult.Issued(TestPki.certificate("CN=device-1", KEY.getPublic(), "CN=Test CA",
          RA.caKey().getPrivate(), null, Duration.ofDays(30)), List.of());
    }

    @Override
    public List<X509Certificate> caChain(String endpointAlias) {
      return List.of(RA.caCert());
    }

    @Override
    public BackendHealth health(String endpointAlias) {
      return BackendHealth.up("ok");
    }

    @Override
    public synchronized Outcome revoke(String endpointAlias, X509Certificate certificate, Reason reason) {
      calls.add("revoke " + certificate.getSerialNumber().toString(16) + " " + reason);
      return Outcome.REVOKED;
    }
  }

  @TempDir Path dir;
  IntuneDouble intune;
  final IntuneTransactions transactions = new IntuneTransactions();
  final Ca ca = new Ca();
  Endpoint endpoint;
  Issuance issuance;

  @BeforeEach
  void start() throws Exception {
    intune = IntuneDouble.start(0, "contoso.onmicrosoft.com", "app", "unit-secret-1414");
    intune.writeTruststore(dir.resolve("trust.p12"), "pw");
    MapConfig config = new MapConfig(Map.of("scepra.endpoint.mdm.intune.enabled", "true",
        "scepra.endpoint.mdm.intune.tenant", "contoso.onmicrosoft.com", "scepra.endpoint.mdm.intune.client-id", "app",
        "scepra.endpoint.mdm.intune.client-secret", "unit-secret-1414",
        "scepra.endpoint.mdm.intune.login-url", intune.loginUrl().toString(),
        "scepra.endpoint.mdm.intune.graph-url", intune.graphUrl().toString(),
        "scepra.endpoint.mdm.intune.truststore", dir.resolve("trust.p12").toString(),
        "scepra.endpoint.mdm.intune.truststore-password", "pw",
        "scepra.endpoint.mdm.intune.timeout-ms", "10000"));
    endpoint = new Endpoint(new ScepraSettings(config).endpoint("mdm"), ca, org.scepra.spi.CryptoProviders.JVM_DEFAULTS);
    endpoint.activate(new RaIdentity(RA.signingCert(), RA.signingKey().getPrivate(), RA.encryptionCert(),
        RA.encryptionKey().getPrivate()));
    IntuneClient client = new IntuneClient(IntuneSettings.read(new ConfigReader(config, "mdm"), "mdm", "1.0")
        .orElseThrow());
    issuance = new Issuance(transactions, new IntuneIssuance(transactions, new IntuneEndpoints(Map.of("mdm", client)),
        new IntuneAudit(new AuditLog(), new IntuneMetrics())));
  }

  @AfterEach
  void stop() {
    intune.close();
  }

  /** A claimed transaction whose CSR carries a challenge for {@code scenario}. */
  TransactionRecord claimed(String transactionId, Scenario scenario) throws Exception {
    byte[] csr = Csrs.csr(KEY, "CN=device-1", intune.challenge(scenario)).getEncoded();
    TransactionRecord record = TransactionRecord.received("mdm", transactionId, csr, "key", "CN=device-1",
        "general-purpose", TransactionStatus.IN_PROGRESS, Instant.now());
    transactions.create(record);
    return record;
  }

  List<String> intuneCalls(String transactionId) {
    return intune.journal().scepActions(transactionId).stream().map(Journal.Call::service).toList();
  }

  @Test
  void validatesThenIssuesThenNotifiesThenRecordsTheCertificate() throws Exception {
    Issuance.Settled settled = issuance.settle(endpoint, claimed("tx-1", Scenario.accepted()), null);

    assertEquals(TransactionStatus.ISSUED, settled.record().status());
    assertEquals(List.of("validateRequest", "successNotification"), intuneCalls("tx-1"));
    assertEquals(List.of("issue tx-1"), ca.calls);
    String notifiedSerial = intune.journal().of("successNotification").get(0).payload()
        .getString("certificateSerialNumber");
    assertEquals(settled.certificate().getSerialNumber().toString(16), notifiedSerial);
    assertEquals(TransactionStatus.ISSUED, transactions.rows.get("tx-1").status(), "recorded before delivery");
  }

  @Test
  void eachCallToIntuneWritesAnAuditLineWithItsCodeAndClientRequestIdButNoChallenge() throws Exception {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger audit = java.util.logging.Logger.getLogger("scepra.audit");
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        lines.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    audit.addHandler(capture);
    try {
      TransactionRecord record = claimed("tx-audit", Scenario.refused("BadTenantIdInChallenge", "tenant mismatch"));
      issuance.settle(endpoint, record, null);
    } finally {
      audit.removeHandler(capture);
    }
    String challenge = org.scepra.protocol.CsrAttributes.challengePassword(
        new org.bouncycastle.pkcs.PKCS10CertificationRequest(transactions.rows.get("tx-audit").csr())).orElseThrow();
    String requestId = intune.journal().scepActions("tx-audit").get(0).clientRequestId();
    assertEquals(List.of("event=intuneValidate alias=\"mdm\" transactionId=\"tx-audit\" subject=\"CN=device-1\" "
        + "outcome=\"REFUSED\" reason=\"tenant mismatch\" intuneCode=\"BadTenantIdInChallenge\" clientRequestId=\""
        + requestId + "\""), lines);
    assertTrue(lines.stream().noneMatch(line -> line.contains(challenge)));
  }

  @Test
  void aRefusalIsRecordedWithIntunesCodeAndNothingIsIssuedOrNotified() throws Exception {
    Issuance.Settled settled = issuance.settle(endpoint, claimed("tx-1",
        Scenario.refused("ChallengeExpired", "SCEP challenge has expired")), null);

    assertEquals(TransactionStatus.REJECTED, transactions.rows.get("tx-1").status(), "a retransmission replays it");
    assertEquals("Intune refused the request: ChallengeExpired", settled.record().failText());
    assertEquals(List.of("validateRequest"), intuneCalls("tx-1"));
    assertTrue(ca.calls.isEmpty());
  }

  @Test
  void whenIntuneCannotBeAskedTheClaimIsGivenBackForTheRetransmission() throws Exception {
    Issuance.Settled settled = issuance.settle(endpoint, claimed("tx-1", Scenario.internalError()), null);

    assertEquals(TransactionStatus.REJECTED, settled.record().status());
    assertEquals("Intune could not validate the request (HTTP 500); try again later", settled.record().failText());
    assertNull(transactions.rows.get("tx-1"), "nothing recorded: Intune decided nothing");
    assertTrue(ca.calls.isEmpty());
    assertTrue(intune.journal().of("failureNotification").isEmpty());
  }

  @Test
  void aCertificateIntuneDoesNotConfirmIsWithheldRevokedAndRecorded() throws Exception {
    Issuance.Settled settled = issuance.settle(endpoint, claimed("tx-1",
        Scenario.accepted().successNotification(Answer.internalError())), null);

    assertEquals(TransactionStatus.REJECTED, settled.record().status());
    assertNull(settled.certificate(), "not delivered");
    assertEquals("Intune did not confirm the issued certificate (HTTP 500), so it was not delivered and was revoked",
        settled.record().failText());
    IssuedCertificate kept = transactions.certificates.values().iterator().next();
    assertTrue(kept.revoked());
    assertEquals(List.of("issue tx-1", "revoke " + kept.serialHex() + " CESSATION_OF_OPERATION"), ca.calls);
    assertEquals(TransactionStatus.REJECTED, transactions.rows.get("tx-1").status());
  }

  @Test
  void aThrottledSuccessNotificationIsSentAgainAndTheCertificateDelivered() throws Exception {
    intune.throttleScaleUnit("successNotification", 1, Duration.ofSeconds(1));

    Issuance.Settled settled = issuance.settle(endpoint, claimed("tx-1", Scenario.accepted()), null);

    assertEquals(TransactionStatus.ISSUED, settled.record().status(), String.valueOf(settled.record().failText()));
    assertEquals(List.of("validateRequest", "throttled", "successNotification"), intuneCalls("tx-1"));
    assertEquals(List.of("issue tx-1"), ca.calls, "issued once, never revoked");
    assertEquals(0, intune.earlyCalls());
  }

  @Test
  void aValidationThrottledLongerThanACallMayWaitGivesTheClaimBack() throws Exception {
    intune.throttleScaleUnit("validateRequest", 1, Duration.ofSeconds(60));

    Issuance.Settled settled = issuance.settle(endpoint, claimed("tx-1", Scenario.accepted()), null);

    assertEquals("Intune could not validate the request (throttled); try again later", settled.record().failText());
    assertNull(transactions.rows.get("tx-1"), "nothing recorded: the device's retransmission asks again");
    assertTrue(ca.calls.isEmpty());
  }

  @Test
  void aCaRefusalIsReportedToIntuneWithAnHResult() throws Exception {
    ca.answer = new IssueResult.Rejected(IssueResult.Reason.BAD_REQUEST, "the request does not meet the CA's policy");

    Issuance.Settled settled = issuance.settle(endpoint, claimed("tx-1", Scenario.accepted()), null);

    assertEquals("the request does not meet the CA's policy", settled.record().failText());
    assertEquals(List.of("validateRequest", "failureNotification"), intuneCalls("tx-1"));
    var notification = intune.journal().of("failureNotification").get(0).payload();
    assertEquals(HResults.CA_REFUSED, notification.getInt("hResult"));
    assertEquals("the request does not meet the CA's policy", notification.getString("errorDescription"));
    assertEquals(TransactionStatus.REJECTED, transactions.rows.get("tx-1").status());
  }

  /** A key the CA's profile refuses (EJBCA's ILLEGAL_KEY): badAlg for the device, NTE_BAD_ALGID for Intune. */
  @Test
  void aKeyTheCaRefusesIsBadAlgForTheDeviceAndIntune() throws Exception {
    ca.answer = new IssueResult.Rejected(IssueResult.Reason.BAD_ALGORITHM, "the CA does not accept the request's key");

    Issuance.Settled settled = issuance.settle(endpoint, claimed("tx-1", Scenario.accepted()), null);

    assertEquals("BAD_ALG", settled.record().failInfo());
    assertEquals("the CA does not accept the request's key", settled.record().failText());
    var notification = intune.journal().of("failureNotification").get(0).payload();
    assertEquals(HResults.BAD_ALGORITHM, notification.getInt("hResult"));
    assertEquals(TransactionStatus.REJECTED, transactions.rows.get("tx-1").status());
  }

  @Test
  void aCaThatIsDownOrWantsAnApprovalFailsTheRequestAndIntuneIsTold() throws Exception {
    ca.answer = new IssueResult.Rejected(IssueResult.Reason.CA_UNAVAILABLE, "the CA is unavailable, try again later");
    issuance.settle(endpoint, claimed("tx-1", Scenario.accepted()), null);
    ca.answer = new IssueResult.Pending("approval:7:dev");
    Issuance.Settled pending = issuance.settle(endpoint, claimed("tx-2", Scenario.accepted()), null);

    assertEquals(List.of(HResults.CA_UNAVAILABLE, HResults.CA_PENDING), intune.journal().of("failureNotification")
        .stream().map(c -> c.payload().getInt("hResult")).toList());
    assertEquals(TransactionStatus.REJECTED, transactions.rows.get("tx-1").status(), "told to Intune: final");
    assertEquals(TransactionStatus.REJECTED, pending.record().status(), "Intune has no pending state");
  }
}
