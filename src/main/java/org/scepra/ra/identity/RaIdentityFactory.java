package org.scepra.ra.identity;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.scepra.ra.identity.RaIdentityUnavailable.Retry;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.CertificateProfile.KeyUsage;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/**
 * Creates an endpoint's RA keys and has the endpoint's own CA backend certify them, as NDES gets its two RA
 * certificates from the CA it fronts. Each request asks for the one key usage its role needs, for CAs that take
 * key usages from the request (EJBCA with "Allow Key Usage Override"); CAs that apply their own profile are checked
 * afterwards ({@link RaCertificateCheck}).
 */
final class RaIdentityFactory {
  static final Duration RA_VALIDITY = Duration.ofDays(2 * 365);
  static final CertificateProfile SIGNING =
      new CertificateProfile("ra-signing", Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(), RA_VALIDITY);
  static final CertificateProfile ENCRYPTION =
      new CertificateProfile("ra-encryption", Set.of(KeyUsage.KEY_ENCIPHERMENT), List.of(), RA_VALIDITY);

  private final int keySize;

  RaIdentityFactory(int keySize) {
    this.keySize = keySize;
  }

  /**
   * @param selfSigned true for backends that cannot certify at once (an offline CA behind a
   *     file-drop queue): the RA certificates then sign themselves
   * @throws RaIdentityUnavailable if the backend did not issue both certificates at once
   */
  RaIdentity create(String alias, CaBackend backend, boolean selfSigned) throws RaIdentityUnavailable {
    KeyPair signing = generate();
    KeyPair encryption = generate();
    X509Certificate signingCertificate = selfSigned
        ? SelfSignedRaCertificates.create(subject(alias, "RA Signing"), signing, SIGNING)
        : certify(alias, backend, signing, "RA Signing", SIGNING);
    X509Certificate encryptionCertificate = selfSigned
        ? SelfSignedRaCertificates.create(subject(alias, "RA Encryption"), encryption, ENCRYPTION)
        : certify(alias, backend, encryption, "RA Encryption", ENCRYPTION);
    return new RaIdentity(signingCertificate, signing.getPrivate(), encryptionCertificate, encryption.getPrivate());
  }

  static X500Name subject(String alias, String role) {
    return new X500Name("CN=scepra " + role + " (" + alias + "),O=scepra");
  }

  /**
   * The transactionID of an RA certificate request: per endpoint and role, so that backends naming things by it
   * (EJBCA's end entities with {@code username-from=transaction-id}) keep each endpoint's RA apart.
   */
  static String transactionId(String alias, CertificateProfile profile) {
    return "ra-bootstrap-" + alias + "-" + profile.name();
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

  private static X509Certificate certify(String alias, CaBackend backend, KeyPair keyPair, String role,
      CertificateProfile profile) throws RaIdentityUnavailable {
    IssueResult result;
    try {
      result = backend.issue(new IssueRequest(alias, transactionId(alias, profile),
          csr(subject(alias, role), keyPair, profile), profile));
    } catch (RuntimeException e) {
      throw new RaIdentityUnavailable("the CA backend failed to issue the " + role + " certificate: " + e, Retry.SOON);
    }
    if (result instanceof IssueResult.Issued issued) {
      return issued.certificate();
    }
    if (result instanceof IssueResult.Rejected rejected) {
      throw new RaIdentityUnavailable("the CA backend did not issue the " + role + " certificate: "
          + rejected.reason() + " (" + rejected.message() + ")", Retry.SOON);
    }
    // A request that waits (an offline CA) would be asked again at every attempt and never be fetched.
    throw new RaIdentityUnavailable("the CA backend cannot issue the " + role + " certificate at once (" + result
        + "); set scepra.endpoint." + alias + ".ra-certificates=self-signed (for clients that do not check the RA "
        + "certificates' issuer, see README, RA identity) or provide the RA keystore", Retry.NEVER);
  }

  /** A CSR asking for exactly the profile's key usages (critical, as RFC 5280 recommends). */
  static PKCS10CertificationRequest csr(X500Name subject, KeyPair keyPair, CertificateProfile profile) {
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.keyUsage, true, KeyUsages.of(profile.keyUsages()));
      return new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
          .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate()));
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
