package org.scepra.ra.identity;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.CertificateProfile.KeyUsage;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/**
 * Creates an endpoint's RA keys on first start and has the endpoint's own CA backend certify them,
 * as NDES gets its two RA certificates from the CA it fronts.
 */
final class RaIdentityFactory {
  static final Duration RA_VALIDITY = Duration.ofDays(2 * 365);

  private final int keySize;

  RaIdentityFactory(int keySize) {
    this.keySize = keySize;
  }

  /**
   * @param selfSigned true for backends that cannot certify at once (an offline CA behind a
   *     file-drop queue): the RA certificates then sign themselves
   */
  RaIdentity create(String alias, CaBackend backend, boolean selfSigned) {
    KeyPair signing = generate();
    KeyPair encryption = generate();
    CertificateProfile signingProfile =
        new CertificateProfile("ra-signing", Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(), RA_VALIDITY);
    CertificateProfile encryptionProfile =
        new CertificateProfile("ra-encryption", Set.of(KeyUsage.KEY_ENCIPHERMENT), List.of(), RA_VALIDITY);
    X509Certificate signingCertificate = selfSigned
        ? SelfSignedRaCertificates.create(subject(alias, "RA Signing"), signing, signingProfile)
        : certify(alias, backend, signing, "RA Signing", signingProfile);
    X509Certificate encryptionCertificate = selfSigned
        ? SelfSignedRaCertificates.create(subject(alias, "RA Encryption"), encryption, encryptionProfile)
        : certify(alias, backend, encryption, "RA Encryption", encryptionProfile);
    return new RaIdentity(signingCertificate, signing.getPrivate(), encryptionCertificate, encryption.getPrivate());
  }

  static X500Name subject(String alias, String role) {
    return new X500Name("CN=scepra " + role + " (" + alias + "),O=scepra");
  }

  private KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(keySize);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate certify(
      String alias, CaBackend backend, KeyPair keyPair, String role, CertificateProfile profile) {
    X500Name subject = subject(alias, role);
    PKCS10CertificationRequest csr;
    try {
      csr = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate()));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
    IssueResult result = backend.issue(new IssueRequest(alias, "ra-bootstrap-" + profile.name(), csr, profile));
    if (result instanceof IssueResult.Issued issued) {
      return issued.certificate();
    }
    throw new IllegalStateException("endpoint '" + alias + "': the CA backend did not issue the " + role
        + " certificate at once (" + result + "); set scepra.endpoint." + alias
        + ".ra-certificates=self-signed or provide the RA keystore (see README, RA identity)");
  }
}
