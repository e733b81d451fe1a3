package org.scepra.backend.ejbca;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The double's certificate authority: issues from an end entity record (subject and altName as
 * EJBCA would parse them), keeps what it issued and revoked, and makes CRLs. Encodes certificates
 * as EJBCA does: MIME base64 text (64-character lines) of the DER.
 */
final class DoubleCa {

  final TestPki.Issuer issuer;
  final Map<BigInteger, X509Certificate> issued = new ConcurrentHashMap<>();
  final Map<BigInteger, Integer> revoked = new ConcurrentHashMap<>();

  DoubleCa(TestPki.Issuer issuer) {
    this.issuer = issuer;
  }

  X500Name name() {
    return X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
  }

  /**
   * A certificate for the end entity's subject and altNames, with the certificate profile's key usages and EKUs; with
   * key usage override, the request's keyUsage if it asks for one.
   */
  X509Certificate issue(UserDataVOWS user, PublicKey key, DoubleProfiles.CertificateProfile profile,
      CertificationRequest request) {
    GeneralNames san = user.subjectAltName == null || user.subjectAltName.isEmpty() ? null : parseAltNames(user.subjectAltName);
    int keyUsage = profile.keyUsage();
    Extensions requested = new PKCS10CertificationRequest(request).getRequestedExtensions();
    KeyUsage asked = requested == null ? null : KeyUsage.fromExtensions(requested);
    if (profile.keyUsageOverride() && asked != null) {
      keyUsage = 0;
      for (int bit : new int[] {KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment,
          KeyUsage.dataEncipherment, KeyUsage.keyAgreement}) {
        keyUsage |= asked.hasUsages(bit) ? bit : 0;
      }
    }
    X509Certificate certificate = issuer.issue(new X500Name(user.subjectDN), key, san, keyUsage, profile.ekus());
    issued.put(certificate.getSerialNumber(), certificate);
    return certificate;
  }

  X509CRL crl() throws Exception {
    Instant now = Instant.now();
    X509v2CRLBuilder builder = new X509v2CRLBuilder(name(), Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
    revoked.forEach((serial, reason) -> builder.addCRLEntry(serial, Date.from(now), reason));
    builder.addExtension(Extension.authorityKeyIdentifier, false,
        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
    builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
    return new JcaX509CRLConverter()
        .getCRL(builder.build(new JcaContentSignerBuilder(TestPki.signatureAlgorithm(issuer.keys().getPrivate()))
            .build(issuer.keys().getPrivate())));
  }

  /**
   * EJBCA's altName syntax back to GeneralNames, read as EJBCA reads it (CertTools.getPartsFromDN): a value ends at
   * an unescaped comma or plus, a backslash escapes the next character and is taken off again before any of
   * {@code ,+"\<>;}, and values are trimmed. A part that is not keyword=value (what an unescaped comma inside a value
   * leaves behind) or an unescaped double quote (which would start EJBCA's quoting) is refused.
   */
  static GeneralNames parseAltNames(String altNames) {
    List<GeneralName> names = new ArrayList<>();
    for (String part : splitAtUnescaped(altNames)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("altName part is not keyword=value: " + part);
      }
      String key = part.substring(0, eq).strip();
      String value = UNESCAPE.matcher(part.substring(eq + 1).strip()).replaceAll("$1");
      names.add(switch (key) {
        case "dNSName" -> new GeneralName(GeneralName.dNSName, value);
        case "rfc822name" -> new GeneralName(GeneralName.rfc822Name, value);
        case "iPAddress" -> new GeneralName(GeneralName.iPAddress, value);
        case "uniformResourceIdentifier" -> new GeneralName(GeneralName.uniformResourceIdentifier, value);
        case "registeredID" -> new GeneralName(GeneralName.registeredID, value);
        case "upn" -> new GeneralName(GeneralName.otherName,
            new OtherName(new org.bouncycastle.asn1.ASN1ObjectIdentifier(AltNames.UPN_OID), new DERUTF8String(value)));
        default -> throw new IllegalArgumentException("unknown altName " + key);
      });
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static final java.util.regex.Pattern UNESCAPE = java.util.regex.Pattern.compile("\\\\([,+\"\\\\<>; ])");

  static List<String> splitAtUnescaped(String altNames) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean escaped = false;
    for (char c : altNames.toCharArray()) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        throw new IllegalArgumentException("unescaped double quote in altName: " + altNames);
      } else if (c == ',' || c == '+') {
        parts.add(part.toString());
        part.setLength(0);
        continue;
      }
      part.append(c);
    }
    parts.add(part.toString());
    return parts;
  }

  /** EJBCA's inner encoding: base64 text of the DER, wrapped at 64 characters with LF. */
  static byte[] mime(byte[] der) {
    return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encode(der);
  }

  static CertificateWS certificate(X509Certificate certificate) {
    try {
      CertificateWS ws = new CertificateWS();
      ws.certificateData = mime(certificate.getEncoded());
      return ws;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
