package org.scepra.protocol;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The transient self-signed certificate Windows sends: a critical authorityKeyIdentifier. */
final class WindowsStyleCertificate {

  private WindowsStyleCertificate() {}

  static X509Certificate withCriticalAki(KeyPair keyPair, String dn) throws Exception {
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(new X500Name(dn), BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(3600)), new X500Name(dn), keyPair.getPublic());
    builder.addExtension(Extension.authorityKeyIdentifier, true,
        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(keyPair.getPublic()));
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
  }
}
