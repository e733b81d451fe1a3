package org.scepra.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;

/**
 * Certs-only ("degenerate") SignedData, as used by GetCACert and inside CertRep (RFC 8894 §3.4).
 *
 * <p>Encoded with definite lengths but without DER's sorting of the certificate SET, so that the
 * certificates keep the documented order (clients pick the RA certificates by position too).
 */
public final class DegenerateSignedData {

  private DegenerateSignedData() {}

  public static byte[] ofCertificates(List<X509Certificate> certificates) {
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      for (X509Certificate certificate : certificates) {
        generator.addCertificate(new X509CertificateHolder(certificate.getEncoded()));
      }
      return generator.generate(new CMSAbsentContent()).getEncoded(ASN1Encoding.DL);
    } catch (CertificateEncodingException | CMSException | IOException e) {
      throw new IllegalStateException("cannot encode certificates", e);
    }
  }

  public static byte[] ofCrl(X509CRL crl) {
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addCRL(new X509CRLHolder(crl.getEncoded()));
      return generator.generate(new CMSAbsentContent()).getEncoded(ASN1Encoding.DL);
    } catch (CRLException | CMSException e) {
      throw new IllegalStateException("cannot encode CRL", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
