package org.scepra.backend.internalca;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.scepra.spi.CryptoProviders;

/** The CA key signs certificates and CRLs through the provider scepra chose for it, where it offers the algorithm. */
class CaSigningProviderTest {

  /** Offers SHA256withRSA and fails at it. */
  static final Provider BROKEN = new Provider("Broken", "1", "fails at SHA256withRSA") {
    {
      put("Signature.SHA256withRSA", BrokenSignature.class.getName());
    }
  };

  @Test
  void certificatesAndCrlsAreSignedByTheChosenProvider() {
    CaIdentity ca = TestCa.CA.using(key -> Optional.of(BROKEN));
    assertThrows(InternalCaException.class, () -> new CertificateIssuer(ca, "SHA256withRSA", TestCa.BACKDATE)
        .issue(TestCsrs.csr("CN=routed"), TestCsrs.PROFILE));
    assertThrows(InternalCaException.class, () -> new CrlGenerator(ca, "SHA256withRSA")
        .generate(List.of(), BigInteger.ONE, Instant.now(), Instant.now().plusSeconds(60)));
  }

  @Test
  void anAlgorithmTheChosenProviderLacksIsSignedByTheJvm() throws Exception {
    CaIdentity ca = TestCa.CA.using(key -> Optional.of(BROKEN));
    TestCa.issue(new CertificateIssuer(ca, "SHA384withRSA", TestCa.BACKDATE), TestCsrs.csr("CN=fallback"))
        .verify(TestCa.CA.certificate().getPublicKey());
    TestCa.issue(new CertificateIssuer(TestCa.CA.using(CryptoProviders.JVM_DEFAULTS), "SHA256withRSA",
        TestCa.BACKDATE), TestCsrs.csr("CN=jdk")).verify(TestCa.CA.certificate().getPublicKey());
  }

  public static final class BrokenSignature extends SignatureSpi {
    @Override protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
      throw new InvalidKeyException("broken on purpose");
    }
    @Override protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
      throw new InvalidKeyException("broken on purpose");
    }
    @Override protected void engineUpdate(byte b) {}
    @Override protected void engineUpdate(byte[] b, int off, int len) {}
    @Override protected byte[] engineSign() throws SignatureException {
      throw new SignatureException("broken on purpose");
    }
    @Override protected boolean engineVerify(byte[] sigBytes) { return false; }
    @Override @Deprecated protected void engineSetParameter(String param, Object value) {}
    @Override @Deprecated protected Object engineGetParameter(String param) { return null; }
  }
}
