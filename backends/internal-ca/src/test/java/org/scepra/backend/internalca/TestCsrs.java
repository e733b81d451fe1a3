package org.scepra.backend.internalca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.CertificateProfile.KeyUsage;

/** Builds test CSRs and profiles with BouncyCastle. */
final class TestCsrs {

  static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  /** One requester key for all tests: RSA key generation is the slow part. */
  static final KeyPair KEY = rsaKeyPair();

  static final CertificateProfile PROFILE =
      new CertificateProfile(
          "general-purpose",
          Set.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT),
          List.of(CLIENT_AUTH, SERVER_AUTH),
          Duration.ofDays(365));

  private TestCsrs() {}

  static CaSettings smallCa() {
    return CaSettings.defaults().withKeySize(2048);
  }

  static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static PKCS10CertificationRequest csr(String subject) {
    return csr(subject, null);
  }

  /** A CSR signed with {@link #KEY}; {@code altNames} go into an extensionRequest if not null. */
  static PKCS10CertificationRequest csr(String subject, GeneralNames altNames) {
    try {
      JcaPKCS10CertificationRequestBuilder builder =
          new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), KEY.getPublic());
      if (altNames != null) {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, altNames);
        builder.addAttribute(
            PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      }
      return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(KEY.getPrivate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  static GeneralNames dnsMailIp() {
    return new GeneralNames(
        new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "device.example.com"),
          new GeneralName(GeneralName.rfc822Name, "ops@example.com"),
          new GeneralName(GeneralName.iPAddress, "192.0.2.7")
        });
  }

  /**
   * A structurally valid CSR whose public key is {@code keyBytes} under {@code algorithm}; the
   * signature is junk, as the RA would have rejected it already.
   */
  static PKCS10CertificationRequest csrWithKey(ASN1ObjectIdentifier algorithm, byte[] keyBytes) {
    SubjectPublicKeyInfo key =
        new SubjectPublicKeyInfo(new AlgorithmIdentifier(algorithm, DERNull.INSTANCE), keyBytes);
    CertificationRequestInfo info =
        new CertificationRequestInfo(new X500Name("CN=broken"), key, new DERSet());
    return new PKCS10CertificationRequest(
        new CertificationRequest(
            info,
            new AlgorithmIdentifier(
                PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE),
            new DERBitString(new byte[] {1})));
  }
}
