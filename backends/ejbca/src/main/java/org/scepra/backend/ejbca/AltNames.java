package org.scepra.backend.ejbca;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Turns the subjectAltName a CSR requests (PKCS#9 extensionRequest) into EJBCA's altName string,
 * e.g. {@code dNSName=dev1.example.com, iPAddress=192.0.2.7, rfc822name=ops@example.com}. The
 * keywords are EJBCA's (CertTools). EJBCA ends a value at an unescaped comma or plus, toggles
 * quoting at a double quote, and removes a backslash before any of {@code ,+"\<>;} (its
 * {@code getPartsFromDN} and {@code unescapeFieldValue}), so exactly those are escaped here: Intune's
 * strong-mapping SAN {@code tag:microsoft.com,2022-09-14:sid:<SID>} has a comma. EJBCA trims
 * values, so one with surrounding spaces cannot be passed on faithfully and is refused rather
 * than mangled; so is any name type EJBCA's string form does not cover.
 */
final class AltNames {

  static final String UPN_OID = "1.3.6.1.4.1.311.20.2.3";
  /** What EJBCA's unescapeFieldValue takes a backslash off again. */
  static final String ESCAPED = ",+\"\\<>;";

  private AltNames() {}

  /** Thrown for a SAN entry that cannot be expressed; the message is safe for the device. */
  static final class UnsupportedNameException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedNameException(String message) {
      super(message);
    }
  }

  /** The altName string, or an empty string if the CSR requests no SAN. */
  static String of(PKCS10CertificationRequest csr) throws UnsupportedNameException {
    GeneralNames names;
    try {
      Extensions extensions = csr.getRequestedExtensions();
      names = extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UnsupportedNameException("the request's subjectAltName cannot be read");
    }
    if (names == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (GeneralName name : names.getNames()) {
      parts.add(format(name));
    }
    return String.join(", ", parts);
  }

  private static String format(GeneralName name) throws UnsupportedNameException {
    ASN1Encodable value = name.getName();
    return switch (name.getTagNo()) {
      case GeneralName.dNSName -> "dNSName=" + text(value);
      case GeneralName.rfc822Name -> "rfc822name=" + text(value);
      case GeneralName.uniformResourceIdentifier -> "uniformResourceIdentifier=" + text(value);
      case GeneralName.iPAddress -> "iPAddress=" + ipAddress(value);
      case GeneralName.registeredID -> "registeredID=" + ASN1ObjectIdentifier.getInstance(value).getId();
      case GeneralName.otherName -> "upn=" + upn(value);
      default -> throw new UnsupportedNameException("the request's subjectAltName has an unsupported name type");
    };
  }

  private static String upn(ASN1Encodable value) throws UnsupportedNameException {
    OtherName other = OtherName.getInstance(value);
    if (!UPN_OID.equals(other.getTypeID().getId())) {
      throw new UnsupportedNameException("the request's subjectAltName has an unsupported otherName");
    }
    return text(other.getValue());
  }

  private static String ipAddress(ASN1Encodable value) throws UnsupportedNameException {
    byte[] octets = ASN1OctetString.getInstance(value).getOctets();
    if (octets.length != 4 && octets.length != 16) {
      throw new UnsupportedNameException("the request's subjectAltName has a malformed IP address");
    }
    try {
      return InetAddress.getByAddress(octets).getHostAddress(); // no name lookup for raw octets
    } catch (UnknownHostException e) {
      throw new UnsupportedNameException("the request's subjectAltName has a malformed IP address");
    }
  }

  private static String text(ASN1Encodable value) throws UnsupportedNameException {
    if (!(value instanceof ASN1String string)) {
      throw new UnsupportedNameException("the request's subjectAltName has a malformed name");
    }
    String text = string.getString();
    if (text.isBlank() || !text.equals(text.strip()) || text.chars().anyMatch(Character::isISOControl)) {
      throw new UnsupportedNameException("the request's subjectAltName has a name EJBCA cannot take");
    }
    return escaped(text);
  }

  /** A backslash before each character EJBCA would otherwise read as syntax (and unescapes again). */
  static String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      if (ESCAPED.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
