package org.scepra.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.TestPki;

/** Builds the PKCSReq messages of one run before it starts, as devices would send them. */
final class Messages {

  /** One request: the body to POST and the key that decrypts the answer. */
  record Request(byte[] body, KeyPair key, String subject) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private Messages() {}

  /**
   * {@code n} PKCSReqs to {@code recipient}: unique subject, transactionID and (up to the pool's
   * size) key each, a challenge in
   * the CSR, a throwaway self-signed signer certificate, {@code cipher} content encryption and
   * SHA-256 signatures (CMS and CSR).
   */
  static List<Request> pkcsReqs(int n, String label, X509Certificate recipient, KeyPool keys, String challenge,
      ASN1ObjectIdentifier cipher) {
    int firstKey = keys.take(n);
    return IntStream.range(0, n).parallel().mapToObj(i -> {
      KeyPair key = keys.get(firstKey + i);
      String subject = "CN=" + label + "-" + i + ",O=scepra-bench";
      byte[] csr;
      try {
        csr = Csrs.csr(key, subject, challenge).getEncoded();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      X509Certificate signer = TestPki.certificate(subject, key.getPublic(), subject, key.getPrivate(), null,
          Duration.ofDays(1));
      byte[] id = new byte[16];
      RANDOM.nextBytes(id);
      ScepTestClient.Options options = ScepTestClient.Options.defaults(HexFormat.of().formatHex(id)).cipher(cipher);
      return new Request(ScepTestClient.pkiMessage(csr, recipient, key, signer, options), key, subject);
    }).toList();
  }

  /**
   * The certificate requests are encrypted to, from a GetCACert answer: the only certificate, or
   * (RA certificates first, RFC 8894 §3.5.1) the first one meant for key encipherment.
   */
  static X509Certificate recipient(byte[] getCaCert) throws CertificateException {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      for (Object holder : new CMSSignedData(getCaCert).getCertificates().getMatches(null)) {
        certificates.add(new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) holder));
      }
    } catch (CMSException | RuntimeException e) {
      certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(getCaCert)));
    }
    if (certificates.size() == 1) {
      return certificates.get(0);
    }
    return certificates.stream()
        .filter(c -> c.getKeyUsage() != null && c.getKeyUsage()[2] && c.getBasicConstraints() < 0)
        .findFirst()
        .orElseThrow(() -> new CertificateException("GetCACert holds no key-encipherment certificate"));
  }
}
