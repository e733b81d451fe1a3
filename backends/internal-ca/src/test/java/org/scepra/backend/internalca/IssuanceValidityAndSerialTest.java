package org.scepra.backend.internalca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.scepra.spi.IssueResult;

/** Validity periods, serial numbers and concurrent use of the issuer. */
class IssuanceValidityAndSerialTest {

  private static final Duration BACKDATE = TestCa.BACKDATE;
  private static final CertificateIssuer issuer = TestCa.issuer();

  @Test
  void backdatesNotBeforeAndAppliesTheProfileValidity() throws Exception {
    Instant now = Instant.parse("2030-01-01T12:00:00.750Z");
    CertificateIssuer fixed =
        new CertificateIssuer(
            TestCa.CA, "SHA256withRSA", BACKDATE, Clock.fixed(now, ZoneOffset.UTC));
    X509Certificate cert = TestCa.issue(fixed, TestCsrs.csr("CN=device-1"));
    Instant notBefore = now.minus(BACKDATE).truncatedTo(ChronoUnit.SECONDS);
    assertEquals(notBefore, cert.getNotBefore().toInstant());
    assertEquals(notBefore.plus(Duration.ofDays(365)), cert.getNotAfter().toInstant());
  }

  @Test
  void notAfterIsClampedToTheCas() throws Exception {
    CaIdentity shortCa =
        CaCertificateFactory.create(
            TestCsrs.smallCa().withValidityDays(10), new SecureRandom(), Clock.systemUTC());
    CertificateIssuer byShortCa = new CertificateIssuer(shortCa, "SHA256withRSA", BACKDATE);
    IssueResult.Issued result =
        assertInstanceOf(
            IssueResult.Issued.class,
            byShortCa.issue(TestCsrs.csr("CN=device-1"), TestCsrs.PROFILE));
    assertEquals(shortCa.certificate().getNotAfter(), result.certificate().getNotAfter());
  }

  @Test
  void serialsAreDistinctPositiveAndLong() throws Exception {
    PKCS10CertificationRequest csr = TestCsrs.csr("CN=device-1");
    Set<BigInteger> serials = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      BigInteger serial = TestCa.issue(issuer, csr).getSerialNumber();
      assertTrue(serial.signum() > 0);
      assertTrue(serial.bitLength() >= 64 && serial.bitLength() <= 127, serial.toString(16));
      serials.add(serial);
    }
    assertEquals(200, serials.size());
  }

  @Test
  void concurrentIssuanceYieldsDistinctValidCertificates() throws Exception {
    PKCS10CertificationRequest csr = TestCsrs.csr("CN=device-1", TestCsrs.dnsMailIp());
    int threads = 8;
    int perThread = 25;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<X509Certificate>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<List<X509Certificate>> work =
            () -> {
              go.await();
              List<X509Certificate> certs = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                certs.add(TestCa.issue(issuer, csr));
              }
              return certs;
            };
        futures.add(pool.submit(work));
      }
      go.countDown();
      Set<BigInteger> serials = new HashSet<>();
      for (Future<List<X509Certificate>> future : futures) {
        for (X509Certificate cert : future.get(120, TimeUnit.SECONDS)) {
          cert.verify(TestCa.CA.certificate().getPublicKey());
          serials.add(cert.getSerialNumber());
        }
      }
      assertEquals(threads * perThread, serials.size());
    } finally {
      pool.shutdownNow();
    }
  }
}
