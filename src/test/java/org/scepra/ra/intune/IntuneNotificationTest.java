package org.scepra.ra.intune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.testkit.TestPki;
import org.scepra.testkit.intune.Answer;
import org.scepra.testkit.intune.Scenario;

/** successNotification and failureNotification: the fields, and that they are about a validated request. */
class IntuneNotificationTest {

  @TempDir Path dir;
  IntuneFixture fixture;
  IntuneClient client;

  @BeforeEach
  void start() throws Exception {
    fixture = new IntuneFixture(dir);
    client = fixture.client();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  static X509Certificate certificate() {
    return TestPki.certificate("CN=device-1", IntuneFixture.KEY.getPublic(), "CN=Issuing CA,O=Example",
        IntuneFixture.KEY.getPrivate(), null, Duration.ofDays(365));
  }

  @Test
  void aSuccessNotificationDescribesTheIssuedCertificate() throws Exception {
    byte[] csr = fixture.csr(Scenario.accepted());
    client.validate("tx-1", csr);
    X509Certificate certificate = certificate();

    assertInstanceOf(IntuneResult.Success.class, client.notifySuccess("tx-1", csr, certificate));

    JsonObject notification = fixture.intune.journal().of("successNotification").get(0).payload();
    assertEquals(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
        .digest(certificate.getEncoded())), notification.getString("certificateThumbprint"));
    assertEquals(certificate.getSerialNumber().toString(16), notification.getString("certificateSerialNumber"));
    String expiry = notification.getString("certificateExpirationDateUtc");
    assertTrue(expiry.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), expiry);
    assertEquals(certificate.getNotAfter().toInstant(), Instant.parse(expiry));
    assertEquals(certificate.getIssuerX500Principal().getName(), notification.getString("issuingCertificateAuthority"));
    assertEquals("tx-1", notification.getString("transactionId"));
    assertEquals(java.util.Base64.getEncoder().encodeToString(csr), notification.getString("certificateRequest"));
    assertEquals("scepra/1.2.3", notification.getString("callerInfo"));
  }

  @Test
  void intuneRefusesANotificationForARequestItDidNotValidate() throws Exception {
    byte[] csr = fixture.csr(Scenario.accepted());

    IntuneResult result = client.notifySuccess("tx-never-validated", csr, certificate());

    assertEquals("HTTP 400", assertInstanceOf(IntuneResult.Unanswered.class, result).brief());
  }

  @Test
  void aFailingSuccessNotificationIsReportedAsSuch() throws Exception {
    byte[] csr = fixture.csr(Scenario.accepted().successNotification(Answer.internalError()));
    client.validate("tx-1", csr);

    IntuneResult result = client.notifySuccess("tx-1", csr, certificate());

    assertEquals("HTTP 500", assertInstanceOf(IntuneResult.Unanswered.class, result).brief());
  }

  @Test
  void aFailureNotificationCarriesAnIntegerHResultAndADescriptionOfAtMost255Characters() throws Exception {
    byte[] csr = fixture.csr(Scenario.accepted());
    client.validate("tx-1", csr);

    IntuneResult result = client.notifyFailure("tx-1", csr, HResults.CA_UNAVAILABLE, "x".repeat(300));

    assertInstanceOf(IntuneResult.Success.class, result, result::toString);
    JsonObject notification = fixture.intune.journal().of("failureNotification").get(0).payload();
    assertEquals(-2147023174, notification.getJsonNumber("hResult").intValueExact(), "0x800706BA as a JSON integer");
    assertEquals(255, notification.getString("errorDescription").length());
  }
}
