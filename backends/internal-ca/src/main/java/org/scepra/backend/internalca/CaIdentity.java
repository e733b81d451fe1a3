package org.scepra.backend.internalca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.scepra.spi.CryptoProviders;

/**
 * The CA's signing key and its certificate, and who signs with that key.
 *
 * @param privateKey the CA private key; a handle only when it lives in a PKCS#11 token
 * @param certificate the self-signed CA certificate
 * @param providers which JCA provider performs the key's operations ({@code scepra.crypto.provider}); a key in a
 *     PKCS#11 token is used with the token's
 */
public record CaIdentity(PrivateKey privateKey, X509Certificate certificate, CryptoProviders providers) {

  public CaIdentity {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(providers, "providers");
  }

  /** Signs with the JVM's default providers. */
  public CaIdentity(PrivateKey privateKey, X509Certificate certificate) {
    this(privateKey, certificate, CryptoProviders.JVM_DEFAULTS);
  }

  /** Signing through {@code chosen}, with its own copy of the key, made here once (see {@link CryptoProviders#keyFor}). */
  public CaIdentity using(CryptoProviders chosen) {
    return new CaIdentity(chosen.keyFor(privateKey), certificate, chosen);
  }

  /** A signer for one certificate or CRL, through the chosen provider where it offers {@code algorithm}. */
  public ContentSigner signer(String algorithm) throws OperatorCreationException {
    JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm);
    providers.forKey(privateKey, "Signature", algorithm).ifPresent(builder::setProvider);
    return builder.build(privateKey);
  }

  /** Never prints the key: a record's default toString would include it. */
  @Override
  public String toString() {
    return "CaIdentity[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
