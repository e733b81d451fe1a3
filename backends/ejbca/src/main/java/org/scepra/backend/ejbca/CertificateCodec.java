package org.scepra.backend.ejbca;

import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Decodes what EJBCA returns. Certificates come base64 twice: JAXB removes the XML layer, leaving
 * ASCII base64 of the DER wrapped every 64 characters, which needs the lenient MIME decoder. CRLs
 * come base64 once, so JAXB already yields the DER.
 */
final class CertificateCodec {

  private CertificateCodec() {}

  static X509Certificate certificate(byte[] base64Text) throws CertificateException {
    if (base64Text == null || base64Text.length == 0) {
      throw new CertificateException("EJBCA returned no certificate data");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(base64Text);
    } catch (IllegalArgumentException e) {
      throw new CertificateException("EJBCA certificate data is not base64", e);
    }
    return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
  }

  static List<X509Certificate> certificates(List<CertificateWS> chain) throws CertificateException {
    List<X509Certificate> certificates = new ArrayList<>();
    if (chain != null) {
      for (CertificateWS entry : chain) {
        certificates.add(certificate(entry.certificateData));
      }
    }
    return List.copyOf(certificates);
  }

  static X509CRL crl(byte[] der) throws CRLException {
    try {
      return (X509CRL) factory().generateCRL(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new CRLException(e);
    }
  }

  private static CertificateFactory factory() throws CertificateException {
    return CertificateFactory.getInstance("X.509");
  }
}
