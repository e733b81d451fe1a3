package org.scepra.backend.internalca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.CertificateRevoker.Outcome;
import org.scepra.spi.CertificateRevoker.Reason;

/** The CRL cache and CRL numbers, with a clock the tests move. */
class CaRevocationsTest {

  private static final Duration VALIDITY = Duration.ofHours(4);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T08:00:00Z"));

  private CaRevocations revocations() {
    return new CaRevocations(TestCa.CA, "SHA256withRSA", dir, VALIDITY, clock);
  }

  static BigInteger crlNumber(X509CRL crl) throws Exception {
    return CRLNumber.getInstance(
            new X509CRLHolder(crl.getEncoded()).getExtension(Extension.cRLNumber).getParsedValue())
        .getCRLNumber();
  }

  @Test
  void servesTheCachedCrlUntilHalfItsValidityHasPassed() throws Exception {
    CaRevocations revocations = revocations();
    X509CRL first = revocations.currentCrl();
    assertEquals(clock.instant(), first.getThisUpdate().toInstant());

    clock.advance(VALIDITY.dividedBy(2).minusSeconds(1));
    assertSame(first, revocations.currentCrl());

    clock.advance(Duration.ofSeconds(1));
    X509CRL second = revocations.currentCrl();
    assertNotSame(first, second);
    assertEquals(clock.instant(), second.getThisUpdate().toInstant());
    assertTrue(crlNumber(second).compareTo(crlNumber(first)) > 0);
  }

  @Test
  void regeneratesWhenAnotherNodeRevokes() throws Exception {
    CaRevocations node1 = revocations();
    CaRevocations node2 = revocations();
    X509Certificate certificate = TestCa.issue(TestCa.issuer(), TestCsrs.csr("CN=shared"));
    X509CRL before = node1.currentCrl();

    assertEquals(Outcome.REVOKED, node2.revoke(certificate, Reason.AFFILIATION_CHANGED));

    X509CRL after = node1.currentCrl();
    assertNotNull(after.getRevokedCertificate(certificate));
    assertTrue(crlNumber(after).compareTo(crlNumber(before)) > 0);
    assertSame(after, node1.currentCrl(), "cached again");
  }

  @Test
  void crlNumbersKeepIncreasingWhenTheClockGoesBack() throws Exception {
    BigInteger first = crlNumber(revocations().currentCrl());
    assertEquals(BigInteger.valueOf(clock.millis()), first, "the time floor on a fresh CA");

    clock.set(clock.instant().minus(Duration.ofDays(30)));
    BigInteger second = crlNumber(revocations().currentCrl()); // a restart with a slow clock
    assertEquals(first.add(BigInteger.ONE), second);
    assertEquals(second + "\n", Files.readString(dir.resolve(CaRevocations.CRL_NUMBER_FILE)));
  }

  @Test
  void aLostOrDamagedCounterFallsBackToTheClock() throws Exception {
    BigInteger first = crlNumber(revocations().currentCrl());
    Files.writeString(dir.resolve(CaRevocations.CRL_NUMBER_FILE), "garbage");
    clock.advance(Duration.ofSeconds(5));

    BigInteger second = crlNumber(revocations().currentCrl());
    assertTrue(second.compareTo(first) > 0);
    assertEquals(BigInteger.valueOf(clock.millis()), second);
  }
}
