package org.scepra.backend.filedrop;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.CertificateProfile.KeyUsage;
import org.scepra.spi.IssueRequest;

/** Keys, CSRs and certificates made with BouncyCastle's builders, for the unit tests. */
final class TestPki {

  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  static final CertificateProfile PROFILE =
      new CertificateProfile(
          "general-purpose",
          Set.of(KeyUsage.KEY_ENCIPHERMENT, KeyUsage.DIGITAL_SIGNATURE),
          List.of(CLIENT_AUTH),
          Duration.ofDays(365));

  /** Key generation is the slow part: a few keys shared by all tests. */
  static final KeyPair DEVICE_KEY = rsa();

  static final KeyPair OTHER_KEY = rsa();
  static final KeyPair CA_KEY = rsa();

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private TestPki() {}

  /** A CA with a certificate and its key. */
  record Ca(X509Certificate certificate, KeyPair key) {}

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static IssueRequest request(String alias, String transactionId, PKCS10CertificationRequest csr) {
    return new IssueRequest(alias, transactionId, csr, PROFILE);
  }

  static PKCS10CertificationRequest csr(String subject, KeyPair key, GeneralNames altNames) {
    return csr(X500Name.getInstance(new X500Principal(subject).getEncoded()), key, altNames);
  }

  static PKCS10CertificationRequest csr(X500Name subject, KeyPair key, GeneralNames altNames) {
    try {
      var builder = new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic());
      if (altNames != null) {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, altNames);
        builder.addAttribute(
            PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      }
      return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Ca ca(String subject) {
    return ca(subject, CA_KEY);
  }

  static Ca ca(String subject, KeyPair key) {
    return new Ca(
        certificate(
            new X500Name(subject),
            new X500Name(subject),
            key.getPublic(),
            key,
            true,
            Instant.now(),
            Duration.ofDays(30)),
        key);
  }

  /** An end-entity certificate for {@code csr}'s subject and key, valid from now for 30 days. */
  static X509Certificate issue(Ca ca, PKCS10CertificationRequest csr) {
    return issue(ca, csr.getSubject(), publicKey(csr), Instant.now(), Duration.ofDays(30), false);
  }

  static X509Certificate issue(
      Ca ca, X500Name subject, PublicKey key, Instant notBefore, Duration validity, boolean isCa) {
    X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    return certificate(issuer, subject, key, ca.key(), isCa, notBefore, validity);
  }

  static PublicKey publicKey(PKCS10CertificationRequest csr) {
    try {
      return new JcaPKCS10CertificationRequest(csr).getPublicKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(Object... objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static X509Certificate certificate(
      X500Name issuer,
      X500Name subject,
      PublicKey key,
      KeyPair signer,
      boolean isCa,
      Instant notBefore,
      Duration validity) {
    try {
      var builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(notBefore),
              Date.from(notBefore.plus(validity)),
              subject,
              key);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
