package org.scepra.spi;

import java.security.cert.X509Certificate;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * A CA's signing key as a BouncyCastle {@link ContentSigner} and never as key bytes, so the key may
 * sit in a keystore or a PKCS#11 token.
 */
public interface CaSigner {

  /** The CA certificate whose key signs. */
  X509Certificate certificate();

  /** A new signer (signers are stateful: one per signature), with the CA's signature algorithm. */
  ContentSigner contentSigner() throws OperatorCreationException;
}
