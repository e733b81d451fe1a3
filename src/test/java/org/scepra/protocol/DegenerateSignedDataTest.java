package org.scepra.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.scepra.testkit.TestPki.RaFixture;

class DegenerateSignedDataTest {

  @Test
  void keepsTheDocumentedCertificateOrder() throws Exception {
    RaFixture ra = RaFixture.create();
    // Deliberately not in DER SET order: DER would sort these by encoding.
    List<X509Certificate> order = List.of(ra.encryptionCert(), ra.signingCert(), ra.caCert());
    for (List<X509Certificate> expected : List.of(order, List.of(ra.caCert(), ra.signingCert(), ra.encryptionCert()))) {
      CMSSignedData parsed = new CMSSignedData(DegenerateSignedData.ofCertificates(expected));
      List<X509Certificate> actual = new ArrayList<>();
      for (Object holder : parsed.getCertificates().getMatches(null)) {
        actual.add(new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) holder));
      }
      assertEquals(expected, actual);
      assertEquals(0, parsed.getSignerInfos().size(), "certs-only: no signers");
    }
  }
}
