package org.scepra.backend.internalca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Generates a new RSA CA key and its self-signed certificate, and certifies CA keys for each other. */
final class CaCertificateFactory {

  private CaCertificateFactory() {}

  static CaIdentity create(CaSettings settings, SecureRandom random, Clock clock)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    KeyPair keyPair = generate(settings.keySize(), random);
    // X500Principal reads RFC 2253 order (last RDN first in DER), as Java and OpenSSL print names.
    X500Name name = X500Name.getInstance(new X500Principal(settings.subject()).getEncoded());
    Instant notBefore = clock.instant().minus(settings.backdate()).truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notBefore.plus(Duration.ofDays(settings.validityDays()));
    X509Certificate certificate =
        certify(
            name,
            keyPair.getPublic(),
            name,
            null,
            new JcaContentSignerBuilder(settings.signatureAlgorithm()).build(keyPair.getPrivate()),
            notBefore,
            notAfter,
            random);
    return new CaIdentity(keyPair.getPrivate(), certificate);
  }

  /** A new RSA key pair, from the default JCA providers. */
  static KeyPair generate(int keySize, SecureRandom random) throws GeneralSecurityException {
    // Default JCA providers only: BouncyCastle is never registered globally in a shared server.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(keySize, random);
    return generator.generateKeyPair();
  }

  /**
   * A CA certificate for {@code subjectKey}, signed by {@code issuerKey}: self-signed when the two
   * are one key pair ({@code issuerKeyId} null), a link certificate between two CA generations
   * otherwise, naming the signing key by {@code issuerKeyId} so path builders pick the right one.
   */
  static X509Certificate certify(
      X500Name subject,
      PublicKey subjectKey,
      X500Name issuer,
      AuthorityKeyIdentifier issuerKeyId,
      ContentSigner issuerSigner,
      Instant notBefore,
      Instant notAfter,
      SecureRandom random)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            SerialNumbers.next(random),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            subjectKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
    if (issuerKeyId != null) {
      builder.addExtension(Extension.authorityKeyIdentifier, false, issuerKeyId);
    }
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(issuerSigner));
  }
}
