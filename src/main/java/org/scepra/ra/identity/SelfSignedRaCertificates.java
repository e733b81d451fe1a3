package org.scepra.ra.identity;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.scepra.spi.CertificateProfile;

/** RA certificates that sign themselves, with the one key usage each role needs. */
final class SelfSignedRaCertificates {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SelfSignedRaCertificates() {}

  /** @param provider signs with the key (a token's); empty: the JVM's providers */
  static X509Certificate create(X500Name subject, KeyPair keyPair, CertificateProfile profile,
      java.util.Optional<java.security.Provider> provider) {
    try {
      Instant now = Instant.now();
      var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, RANDOM).setBit(126),
          Date.from(now.minusSeconds(300)), Date.from(now.plus(profile.validity())), subject, keyPair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, KeyUsages.of(profile.keyUsages()));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
      JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withRSA");
      provider.ifPresent(signer::setProvider);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer.build(keyPair.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot create a self-signed RA certificate", e);
    }
  }
}
