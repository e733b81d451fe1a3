package org.scepra.backend.internalca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The CA's signing key and its certificate.
 *
 * @param privateKey the CA private key
 * @param certificate the self-signed CA certificate
 */
public record CaIdentity(PrivateKey privateKey, X509Certificate certificate) {

  public CaIdentity {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
  }

  /** Never prints the key: a record's default toString would include it. */
  @Override
  public String toString() {
    return "CaIdentity[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
