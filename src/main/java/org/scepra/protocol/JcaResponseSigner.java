package org.scepra.protocol;

import java.security.PrivateKey;
import java.security.Provider;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A {@link ResponseSigner} over a JCA private key: signs and hashes through the preferred provider where it offers the
 * algorithm, else through the JVM's default providers.
 */
public final class JcaResponseSigner implements ResponseSigner {

  private final X509CertificateHolder certificate;
  private final PrivateKey privateKey;
  private final Optional<Provider> preferred;
  private final DigestCalculatorProvider digests;

  /** Signs with the JVM's default providers. */
  public JcaResponseSigner(X509CertificateHolder certificate, PrivateKey privateKey) {
    this(certificate, privateKey, Optional.empty());
  }

  /** @param preferred the provider for this key; empty for the JVM's default providers */
  public JcaResponseSigner(X509CertificateHolder certificate, PrivateKey privateKey, Optional<Provider> preferred) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.preferred = Objects.requireNonNull(preferred, "preferred");
    this.digests = preferred.isEmpty() ? jvmDigests() : this::digest;
  }

  @Override
  public X509CertificateHolder certificate() {
    return certificate;
  }

  @Override
  public ContentSigner signer(String digestName) throws OperatorCreationException {
    String algorithm = AlgorithmPolicy.signatureAlgorithm(digestName, privateKey.getAlgorithm());
    JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm);
    JcaProviders.offering(preferred, "Signature", algorithm).ifPresent(builder::setProvider);
    return builder.build(privateKey);
  }

  @Override
  public DigestCalculatorProvider digestCalculators() {
    return digests;
  }

  /** The signed attributes' message digest: the preferred provider's where it has that digest (ACCP lacks SHA-224). */
  private DigestCalculator digest(AlgorithmIdentifier algorithm) throws OperatorCreationException {
    try {
      return new JcaDigestCalculatorProviderBuilder().setProvider(preferred.orElseThrow()).build().get(algorithm);
    } catch (OperatorCreationException e) {
      return jvmDigests().get(algorithm);
    }
  }

  private static DigestCalculatorProvider jvmDigests() {
    try {
      return new JcaDigestCalculatorProviderBuilder().build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
