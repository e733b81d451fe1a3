package org.scepra.protocol;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Reads SCEP-relevant PKCS#9 attributes from a CSR (RFC 8894 §3.3.1, RFC 2985). */
public final class CsrAttributes {

  private CsrAttributes() {}

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
