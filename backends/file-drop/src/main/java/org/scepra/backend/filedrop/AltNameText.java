package org.scepra.backend.filedrop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.OtherName;

/** A subjectAltName as text for the request's JSON; BouncyCastle does the decoding. */
final class AltNameText {

  private AltNameText() {}

  /** The RFC 5280 name of the GeneralName's choice. */
  static String type(GeneralName name) {
    return switch (name.getTagNo()) {
      case GeneralName.otherName -> "otherName";
      case GeneralName.rfc822Name -> "rfc822Name";
      case GeneralName.dNSName -> "dNSName";
      case GeneralName.x400Address -> "x400Address";
      case GeneralName.directoryName -> "directoryName";
      case GeneralName.ediPartyName -> "ediPartyName";
      case GeneralName.uniformResourceIdentifier -> "uniformResourceIdentifier";
      case GeneralName.iPAddress -> "iPAddress";
      case GeneralName.registeredID -> "registeredID";
      default -> "unknown";
    };
  }

  /**
   * Strings as they are, an IP address in its usual notation, a directory name in RFC 2253, an OID
   * dotted; an otherName as {@code <type-id>;<value>}. Anything else is {@code #} and the hex of
   * its DER encoding, the RFC 4514 notation for values without a string form.
   */
  static String value(GeneralName name) {
    ASN1Encodable value = name.getName();
    try {
      return switch (name.getTagNo()) {
        case GeneralName.rfc822Name, GeneralName.dNSName, GeneralName.uniformResourceIdentifier ->
            ((ASN1String) value).getString();
        case GeneralName.iPAddress -> ipAddress(ASN1OctetString.getInstance(value).getOctets());
        case GeneralName.directoryName ->
            new X500Principal(value.toASN1Primitive().getEncoded()).getName(X500Principal.RFC2253);
        case GeneralName.registeredID -> ASN1ObjectIdentifier.getInstance(value).getId();
        case GeneralName.otherName -> otherName(OtherName.getInstance(value));
        default -> hex(value);
      };
    } catch (IOException | RuntimeException e) {
      return hex(value);
    }
  }

  private static String otherName(OtherName otherName) throws IOException {
    ASN1Encodable inner = otherName.getValue();
    if (inner instanceof ASN1TaggedObject tagged) {
      inner = tagged.getBaseObject();
    }
    String text = inner instanceof ASN1String string ? string.getString() : hex(inner);
    return otherName.getTypeID().getId() + ";" + text;
  }

  /** Only 4- and 16-byte values are addresses; getByAddress never does a DNS look-up. */
  private static String ipAddress(byte[] octets) throws UnknownHostException {
    if (octets.length != 4 && octets.length != 16) {
      return "#" + HexFormat.of().formatHex(octets);
    }
    return InetAddress.getByAddress(octets).getHostAddress();
  }

  private static String hex(ASN1Encodable value) {
    try {
      return "#" + HexFormat.of().formatHex(value.toASN1Primitive().getEncoded());
    } catch (IOException e) {
      return "#";
    }
  }
}
