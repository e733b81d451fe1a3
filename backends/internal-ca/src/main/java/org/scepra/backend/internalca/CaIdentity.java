package org.scepra.backend.internalca;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The CA's signing key and its certificate.
 *
 * @param privateKey the CA private key; a handle only when it lives in a PKCS#11 token
 * @param certificate the self-signed CA certificate
 * @param provider the provider the key must be used with (the token's); empty: the JDK's defaults
 */
public record CaIdentity(
    PrivateKey privateKey, X509Certificate certificate, Optional<Provider> provider) {

  public CaIdentity {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(provider, "provider");
  }

  /** A key in a keystore file, used with the JDK's default providers. */
  public CaIdentity(PrivateKey privateKey, X509Certificate certificate) {
    this(privateKey, certificate, Optional.empty());
  }

  /** A new signer with this key (signers are stateful: one per signature). */
  public ContentSigner signer(String signatureAlgorithm) throws OperatorCreationException {
    JcaContentSignerBuilder builder = new JcaContentSignerBuilder(signatureAlgorithm);
    provider.ifPresent(builder::setProvider);
    return builder.build(privateKey);
  }

  /** Never prints the key: a record's default toString would include it. */
  @Override
  public String toString() {
    return "CaIdentity[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
