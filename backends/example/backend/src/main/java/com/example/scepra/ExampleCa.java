package com.example.scepra;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.IssueResult;

/** The example's CA: an RSA-2048 key made at start, a self-signed certificate, and issuance from a CSR. */
final class ExampleCa {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair key;
  private final X509Certificate certificate;

  ExampleCa(String subject) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      key = generator.generateKeyPair();
      X500Name name = new X500Name(subject);
      Instant now = Instant.now();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minusSeconds(300)),
          Date.from(now.plus(Duration.ofDays(365))), name, key.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      certificate = sign(builder);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot create the example CA", e);
    }
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** A certificate for the CSR's subject and key, with the profile's key usages, capped at {@code maxHours}. */
  IssueResult issue(PKCS10CertificationRequest csr, CertificateProfile profile, int maxHours) {
    PublicKey requesterKey;
    try {
      requesterKey = new JcaPKCS10CertificationRequest(csr).getPublicKey();
    } catch (GeneralSecurityException e) {
      return new IssueResult.Rejected(IssueResult.Reason.BAD_ALGORITHM, "the request's key is not supported");
    }
    Duration validity = profile.validity().compareTo(Duration.ofHours(maxHours)) < 0
        ? profile.validity() : Duration.ofHours(maxHours);
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
          Date.from(now.minusSeconds(300)), Date.from(now.plus(validity)), csr.getSubject(), requesterKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsageBits(profile)));
      if (!profile.extendedKeyUsages().isEmpty()) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(profile.extendedKeyUsages().stream()
            .map(oid -> KeyPurposeId.getInstance(new org.bouncycastle.asn1.ASN1ObjectIdentifier(oid)))
            .toArray(KeyPurposeId[]::new)));
      }
      return new IssueResult.Issued(sign(builder), java.util.List.of(certificate));
    } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
      return new IssueResult.Rejected(IssueResult.Reason.BAD_REQUEST, "the example CA cannot issue this request");
    }
  }

  private static int keyUsageBits(CertificateProfile profile) {
    int bits = 0;
    for (CertificateProfile.KeyUsage usage : profile.keyUsages()) {
      bits |= switch (usage) {
        case DIGITAL_SIGNATURE -> KeyUsage.digitalSignature;
        case NON_REPUDIATION -> KeyUsage.nonRepudiation;
        case KEY_ENCIPHERMENT -> KeyUsage.keyEncipherment;
        case DATA_ENCIPHERMENT -> KeyUsage.dataEncipherment;
        case KEY_AGREEMENT -> KeyUsage.keyAgreement;
      };
    }
    return bits == 0 ? KeyUsage.digitalSignature : bits;
  }

  private X509Certificate sign(X509v3CertificateBuilder builder) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).setBit(126);
  }
}
