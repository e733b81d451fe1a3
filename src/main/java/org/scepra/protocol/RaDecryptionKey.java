package org.scepra.protocol;

import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.KeyTransRecipient;

/**
 * The RA's key-exchange certificate and something that can unwrap content keys with its private
 * key. Going through BouncyCastle's {@link KeyTransRecipient} rather than a raw private key lets
 * the key live in an HSM.
 */
public record RaDecryptionKey(X509CertificateHolder certificate, KeyTransRecipient recipient) {

  public RaDecryptionKey {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(recipient, "recipient");
  }
}
