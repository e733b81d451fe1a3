package org.scepra.protocol;

import java.security.PrivateKey;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A {@link ResponseSigner} over a JCA private key, signing with the JVM's default providers. */
public final class JcaResponseSigner implements ResponseSigner {

  private final X509CertificateHolder certificate;
  private final PrivateKey privateKey;

  public JcaResponseSigner(X509CertificateHolder certificate, PrivateKey privateKey) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
  }

  @Override
  public X509CertificateHolder certificate() {
    return certificate;
  }

  @Override
  public ContentSigner signer(String digestName) throws OperatorCreationException {
    return new JcaContentSignerBuilder(AlgorithmPolicy.signatureAlgorithm(digestName, privateKey.getAlgorithm()))
        .build(privateKey);
  }
}
