package org.scepra.ra.admin;

import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.scepra.protocol.CsrAttributes;
import org.scepra.ra.transaction.Fingerprints;

/**
 * What an operator needs to see to approve a request: read from the stored CSR.
 *
 * @param keyType e.g. RSA
 * @param keySize bits (RSA modulus or EC field size), 0 if unknown
 * @param subjectAltNames e.g. {@code DNS:host.example}
 * @param keyUsage requested key usage names, from the CSR's extensionRequest
 * @param csrSha256 fingerprint of the DER CSR
 */
public record CsrDetails(String subject, List<String> subjectAltNames, String keyType, int keySize,
    List<String> keyUsage, String csrSha256) {

  private static final String[] USAGE_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
      "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
  private static final int[] USAGE_BITS = {KeyUsage.digitalSignature, KeyUsage.nonRepudiation,
      KeyUsage.keyEncipherment, KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign,
      KeyUsage.cRLSign, KeyUsage.encipherOnly, KeyUsage.decipherOnly};

  public static CsrDetails of(byte[] der) {
    try {
      JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(der);
      PublicKey key = csr.getPublicKey();
      int size = key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength()
          : key instanceof ECPublicKey ec ? ec.getParams().getCurve().getField().getFieldSize() : 0;
      Extensions extensions = CsrAttributes.requestedExtensions(csr).orElse(null);
      return new CsrDetails(csr.getSubject().toString(), subjectAltNames(extensions), key.getAlgorithm(), size,
          keyUsage(extensions), Fingerprints.sha256(der));
    } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
      return new CsrDetails("(unreadable CSR)", List.of(), "unknown", 0, List.of(), Fingerprints.sha256(der));
    }
  }

  private static List<String> subjectAltNames(Extensions extensions) {
    List<String> names = new ArrayList<>();
    GeneralNames sans = extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
    if (sans != null) {
      for (GeneralName name : sans.getNames()) {
        names.add(label(name.getTagNo()) + ":" + name.getName());
      }
    }
    return names;
  }

  private static String label(int tag) {
    return switch (tag) {
      case GeneralName.dNSName -> "DNS";
      case GeneralName.rfc822Name -> "email";
      case GeneralName.iPAddress -> "IP";
      case GeneralName.uniformResourceIdentifier -> "URI";
      case GeneralName.directoryName -> "dirName";
      default -> "other" + tag;
    };
  }

  private static List<String> keyUsage(Extensions extensions) {
    List<String> usages = new ArrayList<>();
    KeyUsage keyUsage = extensions == null ? null : KeyUsage.fromExtensions(extensions);
    if (keyUsage != null) {
      for (int i = 0; i < USAGE_BITS.length; i++) {
        if (keyUsage.hasUsages(USAGE_BITS[i])) {
          usages.add(USAGE_NAMES[i]);
        }
      }
    }
    return usages;
  }
}
