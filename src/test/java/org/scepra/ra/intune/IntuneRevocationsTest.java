package org.scepra.ra.intune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.transaction.CertificateRepository;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CertificateRevoker;
import org.scepra.testkit.TestPki;

/** Intune's revocation queue: each request carried out through the issuing endpoint's backend and answered. */
class IntuneRevocationsTest {

  /** Issued certificates, by serial. */
  static final class Certificates implements CertificateRepository {
    final Map<String, IssuedCertificate> bySerial = new ConcurrentHashMap<>();

    @Override
    public java.util.List<IssuedCertificate> search(Optional<String> subjectPrefix, Optional<String> alias, int limit) {
      throw new UnsupportedOperationException("not used by the revocations");
    }

    @Override
    public Optional<IssuedCertificate> find(String issuerFingerprint, String serialHex) {
      return Optional.ofNullable(bySerial.get(serialHex)).filter(c -> c.issuerFingerprint().equals(issuerFingerprint));
    }

    @Override
    public List<IssuedCertificate> findBySerial(String serialHex) {
      return Optional.ofNullable(bySerial.get(serialHex)).map(List::of).orElse(List.of());
    }

    @Override
    public void markRevoked(String issuerFingerprint, String serialHex, Instant revokedAt, int reason) {
      bySerial.computeIfPresent(serialHex, (k, c) -> c.revoked(revokedAt, reason));
    }
  }

  /** A backend that revokes (or answers {@link #outcome}) and remembers what it was asked. */
  static final class Revoker extends IntuneEndpointRulesTest.AtOnce implements CertificateRevoker {
    final List<String> revoked = new ArrayList<>();
    final List<Reason> reasons = new ArrayList<>();
    volatile Outcome outcome = Outcome.REVOKED;

    @Override
    public Outcome revoke(String endpointAlias, X509Certificate certificate, Reason reason) {
      revoked.add(endpointAlias + ":" + certificate.getSerialNumber().toString(16));
      reasons.add(reason);
      return outcome;
    }
  }

  @TempDir Path dir;
  IntuneFixture fixture;
  IntuneClient client;
  final Certificates certificates = new Certificates();
  final Revoker revoker = new Revoker();
  final IntuneMetrics metrics = new IntuneMetrics();
  IntuneRevocations revocations;

  @BeforeEach
  void start() throws Exception {
    fixture = new IntuneFixture(dir);
    client = fixture.client();
    Map<String, CaBackend> backends = Map.of("mdm", revoker, "plain", new IntuneEndpointRulesTest.AtOnce());
    revocations = new IntuneRevocations(certificates, alias -> Optional.ofNullable(backends.get(alias)),
        new IntuneAudit(new AuditLog(), metrics));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  IssuedCertificate issued(String alias) {
    X509Certificate certificate = TestPki.certificate("CN=device-" + alias, IntuneFixture.KEY.getPublic(),
        "CN=Issuing CA,O=Example", IntuneFixture.KEY.getPrivate(), null, Duration.ofDays(30));
    IssuedCertificate issued = IssuedCertificate.of(alias, "tx-" + alias, certificate);
    certificates.bySerial.put(issued.serialHex(), issued);
    return issued;
  }

  JsonObject result(String context) {
    return fixture.intune.revocationResult(context).orElseThrow(() -> new AssertionError("no result for " + context));
  }

  @Test
  void revokesAQueuedCertificateThroughItsEndpointsBackendAndReportsSuccess() throws Exception {
    IssuedCertificate certificate = issued("mdm");
    String context = fixture.intune.queueRevocation(certificate.serialHex().toUpperCase(), certificate.issuerDn());

    assertEquals(1, revocations.process(client));

    assertEquals(List.of("mdm:" + certificate.serialHex()), revoker.revoked);
    assertEquals(List.of(CertificateRevoker.Reason.CESSATION_OF_OPERATION), revoker.reasons);
    assertTrue(certificates.bySerial.get(certificate.serialHex()).revoked(), "recorded as revoked");
    JsonObject result = result(context);
    assertTrue(result.getBoolean("succeeded"));
    assertEquals("0", result.getString("errorCode"));
    assertEquals(1L, metrics.counts("revocation").values().iterator().next());
    assertEquals("5019-05-05", fixture.intune.journal().of("downloadRevocationRequests").get(0).apiVersion());
    assertEquals(0, revocations.process(client), "answered requests are not handed out again");
  }

  @Test
  void matchesTheIssuerWrittenInEitherOrder() throws Exception {
    IssuedCertificate certificate = issued("mdm");
    String windowsOrder = "CN=Issuing CA, O=Example";
    String context = fixture.intune.queueRevocation(certificate.serialHex(), windowsOrder);

    revocations.process(client);

    assertTrue(result(context).getBoolean("succeeded"), result(context)::toString);
  }

  @Test
  void answersWhatItCannotDoWithIntunesErrorCodes() throws Exception {
    String unknown = fixture.intune.queueRevocation("0a1b2c3d4e5f", "CN=Issuing CA,O=Example");
    String notHex = fixture.intune.queueRevocation("not-a-serial", null);
    String otherIssuer = fixture.intune.queueRevocation(issued("mdm").serialHex(), "CN=Someone Else");
    String cannotRevoke = fixture.intune.queueRevocation(issued("plain").serialHex(), null);

    assertEquals(4, revocations.process(client));

    assertEquals("4004", result(unknown).getString("errorCode"));
    assertEquals("4002", result(notHex).getString("errorCode"));
    assertEquals("4004", result(otherIssuer).getString("errorCode"));
    assertEquals("4006", result(cannotRevoke).getString("errorCode"));
    for (String context : List.of(unknown, notHex, otherIssuer, cannotRevoke)) {
      assertFalse(result(context).getBoolean("succeeded"));
      assertFalse(result(context).getString("errorMessage").isEmpty());
    }
    assertTrue(revoker.revoked.isEmpty());
  }

  @Test
  void aCaThatCannotRevokeNowIsARetryableFailure() throws Exception {
    revoker.outcome = CertificateRevoker.Outcome.FAILED;
    String context = fixture.intune.queueRevocation(issued("mdm").serialHex(), null);

    revocations.process(client);

    assertEquals("4101", result(context).getString("errorCode"));
  }

  @Test
  void anEmptyQueueUploadsNothing() throws Exception {
    assertEquals(0, revocations.process(client));
    assertTrue(fixture.intune.journal().of("uploadRevocationResults").isEmpty());
  }
}
