package org.scepra.backend.internalca;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The subject of a later CA generation: the first generation's, its common name suffixed with
 * {@code G<n>}. A name of its own keeps issuer names apart, so GetCRL, GetCert and renewal find the
 * generation that issued a certificate by the name it carries.
 */
final class GenerationNames {

  private GenerationNames() {}

  static X500Name of(X500Name first, int generation) {
    String suffix = " G" + generation;
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    boolean named = false;
    for (RDN rdn : first.getRDNs()) {
      AttributeTypeAndValue[] values = rdn.getTypesAndValues();
      if (!named && values.length == 1 && values[0].getType().equals(BCStyle.CN)) {
        builder.addRDN(BCStyle.CN, text(values[0].getValue()) + suffix);
        named = true;
      } else if (values.length == 1) {
        builder.addRDN(values[0]);
      } else {
        builder.addMultiValuedRDN(values);
      }
    }
    if (!named) {
      builder.addRDN(BCStyle.CN, "scepra Internal CA" + suffix);
    }
    return builder.build();
  }

  private static String text(ASN1Encodable value) {
    return value instanceof ASN1String string ? string.getString() : value.toString();
  }
}
