package org.scepra.backend.internalca;

import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** The AuthorityKeyIdentifier that certificates and CRLs of this CA carry. */
final class AuthorityKeyIds {

  private AuthorityKeyIds() {}

  /** Uses the CA's own SKI when present, so AKI/SKI chaining works even for imported CAs. */
  static AuthorityKeyIdentifier of(X509CertificateHolder caHolder) {
    SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(caHolder.getExtensions());
    if (ski != null) {
      return new AuthorityKeyIdentifier(ski.getKeyIdentifier());
    }
    try {
      return new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caHolder.getSubjectPublicKeyInfo());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available for key identifiers", e);
    }
  }
}
