package org.scepra.backend.internalca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Generates a new RSA CA key and its self-signed certificate. */
final class CaCertificateFactory {

  private CaCertificateFactory() {}

  static CaIdentity create(CaSettings settings, SecureRandom random, Clock clock)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    // Default JCA providers only: BouncyCastle is never registered globally in a shared server.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(settings.keySize(), random);
    KeyPair keyPair = generator.generateKeyPair();

    // X500Principal reads RFC 2253 order (last RDN first in DER), as Java and OpenSSL print names.
    X500Name name = X500Name.getInstance(new X500Principal(settings.subject()).getEncoded());
    Instant notBefore = clock.instant().minus(settings.backdate()).truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notBefore.plus(Duration.ofDays(settings.validityDays()));

    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            SerialNumbers.next(random),
            Date.from(notBefore),
            Date.from(notAfter),
            name,
            keyPair.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));

    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder(settings.signatureAlgorithm())
                        .build(keyPair.getPrivate())));
    return new CaIdentity(keyPair.getPrivate(), certificate);
  }
}
