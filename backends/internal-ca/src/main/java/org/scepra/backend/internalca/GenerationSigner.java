package org.scepra.backend.internalca;

import java.security.cert.X509Certificate;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.scepra.spi.CaSigner;

/** A CA generation's key as the SPI's {@link CaSigner}, with the CA's signature algorithm. */
record GenerationSigner(CaIdentity identity, String signatureAlgorithm) implements CaSigner {

  @Override
  public X509Certificate certificate() {
    return identity.certificate();
  }

  @Override
  public ContentSigner contentSigner() throws OperatorCreationException {
    return identity.signer(signatureAlgorithm);
  }
}
