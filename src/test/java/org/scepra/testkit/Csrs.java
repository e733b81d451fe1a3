package org.scepra.testkit;

import java.security.KeyPair;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** PKCS#10 requests as SCEP clients make them. */
public final class Csrs {

  private Csrs() {}

  /** A CSR with a challengePassword (omitted when null) and optional DNS SANs. */
  public static PKCS10CertificationRequest csr(KeyPair keyPair, String subject, String challenge, String... dnsNames) {
    return signedWith("SHA256withRSA", keyPair, subject, challenge, dnsNames);
  }

  /** A CSR with a challengePassword and the given subjectAltNames (e.g. Intune's strong-mapping SID URL). */
  public static PKCS10CertificationRequest withAltNames(KeyPair keyPair, String subject, String challenge,
      GeneralName... names) {
    try {
      PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
          new X500Name(subject), keyPair.getPublic());
      builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString(challenge, false));
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static PKCS10CertificationRequest signedWith(String signatureAlg, KeyPair keyPair, String subject,
      String challenge, String... dnsNames) {
    try {
      PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
          new X500Name(subject), keyPair.getPublic());
      if (challenge != null) {
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
            challenge.chars().allMatch(c -> c < 128) ? new DERPrintableString(challenge, false)
                : new DERUTF8String(challenge));
      }
      if (dnsNames.length > 0) {
        GeneralName[] names = new GeneralName[dnsNames.length];
        for (int i = 0; i < dnsNames.length; i++) {
          names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
        }
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      }
      return builder.build(new JcaContentSignerBuilder(signatureAlg).build(keyPair.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
