package org.scepra.backend.internalca;

import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Reads what a CSR asks for in its PKCS#9 extensionRequest attribute (1.2.840.113549.1.9.14). */
final class RequestedExtensions {

  private RequestedExtensions() {}

  /**
   * The requested subjectAltName, if any.
   *
   * @throws IllegalArgumentException or IllegalStateException if the attribute or the extension
   *     is malformed (BouncyCastle's parsers signal bad ASN.1 this way)
   */
  static Optional<GeneralNames> subjectAltNames(PKCS10CertificationRequest csr) {
    Extensions extensions = csr.getRequestedExtensions();
    if (extensions == null) {
      return Optional.empty();
    }
    Extension san = extensions.getExtension(Extension.subjectAlternativeName);
    if (san == null) {
      return Optional.empty();
    }
    GeneralNames names = GeneralNames.getInstance(san.getParsedValue());
    // RFC 5280 requires at least one name; an empty list is treated as no request.
    return names.getNames().length == 0 ? Optional.empty() : Optional.of(names);
  }
}
