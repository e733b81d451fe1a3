package org.scepra.backend.ejbca;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Whether a certificate is for the key a CSR was made with (same SubjectPublicKeyInfo DER). */
final class CsrKeys {

  private CsrKeys() {}

  static boolean matches(X509Certificate certificate, PKCS10CertificationRequest csr) {
    try {
      return Arrays.equals(certificate.getPublicKey().getEncoded(), csr.getSubjectPublicKeyInfo().getEncoded());
    } catch (IOException e) {
      return false;
    }
  }
}
