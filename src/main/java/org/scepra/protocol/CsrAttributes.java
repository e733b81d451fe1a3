package org.scepra.protocol;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Reads SCEP-relevant PKCS#9 attributes from a CSR (RFC 8894 §3.3.1, RFC 2985). */
public final class CsrAttributes {

  private CsrAttributes() {}

  /** The extensions a CSR requests (PKCS#9 extensionRequest), if any and well-formed. */
  public static Optional<Extensions> requestedExtensions(PKCS10CertificationRequest csr) {
    Attribute[] attributes = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
    if (attributes.length != 1 || attributes[0].getAttrValues().size() != 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The challengePassword attribute (a DirectoryString), if present and well-formed. */
  public static Optional<String> challengePassword(PKCS10CertificationRequest csr) {
    Attribute[] attributes = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
    if (attributes.length != 1 || attributes[0].getAttrValues().size() != 1) {
      return Optional.empty();
    }
    ASN1Encodable value = attributes[0].getAttrValues().getObjectAt(0);
    return value instanceof ASN1String string ? Optional.of(string.getString()) : Optional.empty();
  }
}
