package org.scepra.protocol;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The RA's signing identity. CMS code sees a {@link ContentSigner}, never the private key, so the
 * key may live in a keystore, a PKCS#11 token or an HSM.
 */
public interface ResponseSigner {

  /** The RA signing certificate (digitalSignature), carried in every CertRep. */
  X509CertificateHolder certificate();

  /**
   * A signer for one response.
   *
   * @param digestName the JCA digest name mirrored from the request, e.g. {@code SHA256}
   */
  ContentSigner signer(String digestName) throws OperatorCreationException;

  /** The digests of the signed attributes (messageDigest); the JVM's default providers unless overridden. */
  default DigestCalculatorProvider digestCalculators() throws OperatorCreationException {
    return new JcaDigestCalculatorProviderBuilder().build();
  }
}
