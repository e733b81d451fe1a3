package org.scepra.backend.ejbca;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.IssueRequest;

/** Device CSRs and the requests the RA would hand the backend. */
final class TestCsrs {

  static final CertificateProfile GENERAL_PURPOSE = profile("general-purpose");

  private TestCsrs() {}

  static CertificateProfile profile(String name) {
    return new CertificateProfile(name, Set.of(), List.of(), Duration.ofDays(365));
  }

  static PKCS10CertificationRequest csr(String subject, GeneralName... san) {
    return csr(TestPki.ecKeys(), subject, san);
  }

  static PKCS10CertificationRequest csr(KeyPair keys, String subject, GeneralName... san) {
    try {
      JcaPKCS10CertificationRequestBuilder builder =
          new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic());
      if (san.length > 0) {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      }
      return builder.build(new JcaContentSignerBuilder(TestPki.signatureAlgorithm(keys.getPrivate())).build(keys.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static IssueRequest request(String alias, String transactionId, PKCS10CertificationRequest csr) {
    return new IssueRequest(alias, transactionId, csr, GENERAL_PURPOSE);
  }

  static IssueRequest request(String alias, String transactionId, String subject, GeneralName... san) {
    return request(alias, transactionId, csr(subject, san));
  }
}
