package org.scepra.backend.internalca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.scepra.spi.IssueResult;

/** One small CA shared by the issuer tests: creating RSA keys is the slow part. */
final class TestCa {

  static final Duration BACKDATE = Duration.ofMinutes(5);
  static final CaIdentity CA = create();

  private TestCa() {}

  static CertificateIssuer issuer() {
    return new CertificateIssuer(CA, "SHA256withRSA", BACKDATE);
  }

  static X509Certificate issue(CertificateIssuer by, PKCS10CertificationRequest csr)
      throws Exception {
    return issued(by.issue(csr, TestCsrs.PROFILE));
  }

  /** Asserts the result is Issued with the CA as chain, and returns the certificate. */
  static X509Certificate issued(IssueResult result) {
    IssueResult.Issued issued = assertInstanceOf(IssueResult.Issued.class, result);
    assertEquals(List.of(CA.certificate()), issued.chain());
    return issued.certificate();
  }

  private static CaIdentity create() {
    try {
      return CaCertificateFactory.create(TestCsrs.smallCa(), new SecureRandom(), Clock.systemUTC());
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException(e);
    }
  }
}
