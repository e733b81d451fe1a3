package org.scepra.ra.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.ScepraSettings;
import org.scepra.ra.identity.RaIdentity;
import org.scepra.ra.intune.IntuneAudit;
import org.scepra.ra.intune.IntuneEndpoints;
import org.scepra.ra.intune.IntuneMetrics;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionStatus;
import org.scepra.spi.IssueResult;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.MapConfig;

/** A plain endpoint's issuance: what a backend's refusal becomes in the record the device's CertRep is made from. */
class IssuanceTest {
  final IntuneIssuanceTest.Ca ca = new IntuneIssuanceTest.Ca();

  final IntuneTransactions transactions = new IntuneTransactions();
  Endpoint endpoint;
  Issuance issuance;

  @BeforeEach
  void start() {
    endpoint = new Endpoint(new ScepraSettings(new MapConfig(Map.of())).endpoint("plain"), ca,
        org.scepra.spi.CryptoProviders.JVM_DEFAULTS);
    endpoint.activate(new RaIdentity(IntuneIssuanceTest.RA.signingCert(),
        IntuneIssuanceTest.RA.signingKey().getPrivate(), IntuneIssuanceTest.RA.encryptionCert(),
        IntuneIssuanceTest.RA.encryptionKey().getPrivate()));
    issuance = new Issuance(transactions, new IntuneIssuance(transactions, new IntuneEndpoints(Map.of()),
        new IntuneAudit(new AuditLog(), new IntuneMetrics())));
  }

  @Test
  void aKeyTheCaRefusesIsBadAlgWithTheCasText() throws Exception {
    ca.answer = new IssueResult.Rejected(IssueResult.Reason.BAD_ALGORITHM, "the CA does not accept the request's key");

    Issuance.Settled settled = issuance.settle(endpoint, claimed("tx-1"), null);

    assertEquals(TransactionStatus.REJECTED, settled.record().status());
    assertEquals("BAD_ALG", settled.record().failInfo());
    assertEquals("the CA does not accept the request's key", settled.record().failText());
    assertNull(settled.certificate());
  }

  @Test
  void aPolicyRefusalIsBadRequest() throws Exception {
    ca.answer = new IssueResult.Rejected(IssueResult.Reason.BAD_REQUEST, "the request does not meet the CA's policy");

    Issuance.Settled settled = issuance.settle(endpoint, claimed("tx-2"), null);

    assertEquals("BAD_REQUEST", settled.record().failInfo());
    assertEquals("the request does not meet the CA's policy", settled.record().failText());
  }

  private TransactionRecord claimed(String transactionId) throws Exception {
    byte[] csr = Csrs.csr(IntuneIssuanceTest.KEY, "CN=device-1", "secret").getEncoded();
    TransactionRecord record = TransactionRecord.received("plain", transactionId, csr, "key", "CN=device-1",
        "general-purpose", TransactionStatus.IN_PROGRESS, Instant.now());
    transactions.create(record);
    return record;
  }
}
