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

  /** Makes an RSA key pair: in memory, or inside a PKCS#11 token. */
  @FunctionalInterface
  interface KeyPairSource {
    KeyPair generate(int bits) throws java.security.GeneralSecurityException;
  }

  private final int keySize;
  private final KeyPairSource keys;
  /** The provider that signs with the new keys (a token's); empty: the JVM's providers. */
  private final java.util.function.Supplier<java.util.Optional<java.security.Provider>> signer;

  /** Keys in memory. */
  RaIdentityFactory(int keySize) {
    this(keySize, RaIdentityFactory::inMemory, java.util.Optional::empty);
  }

  RaIdentityFactory(int keySize, KeyPairSource keys,
      java.util.function.Supplier<java.util.Optional<java.security.Provider>> signer) {
    this.keySize = keySize;
    this.keys = keys;
    this.signer = signer;
  }

  /**
   * @param selfSigned true for backends that cannot certify at once (an offline CA behind a
   *     file-drop queue): the RA certificates then sign themselves
   * @throws RaIdentityUnavailable if the backend did not issue both certificates at once
   */
  RaIdentity create(String alias, CaBackend backend, boolean selfSigned) throws RaIdentityUnavailable {
    KeyPair signing = generate();
    KeyPair encryption = generate();
    java.util.Optional<java.security.Provider> provider = signer.get();
    X509Certificate signingCertificate = selfSigned
        ? SelfSignedRaCertificates.create(subject(alias, "RA Signing"), signing, SIGNING, provider)
        : certify(alias, backend, signing, "RA Signing", SIGNING, provider);
    X509Certificate encryptionCertificate = selfSigned
        ? SelfSignedRaCertificates.create(subject(alias, "RA Encryption"), encryption, ENCRYPTION, provider)
        : certify(alias, backend, encryption, "RA Encryption", ENCRYPTION, provider);
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

  private KeyPair generate() throws RaIdentityUnavailable {
    try {
      return keys.generate(keySize);
    } catch (java.security.GeneralSecurityException e) {
      throw new RaIdentityUnavailable("cannot generate the RA keys: " + e.getMessage(), Retry.SOON);
    }
  }

  private static KeyPair inMemory(int bits) throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  private static X509Certificate certify(String alias, CaBackend backend, KeyPair keyPair, String role,
      CertificateProfile profile, java.util.Optional<java.security.Provider> provider) throws RaIdentityUnavailable {
    IssueResult result;
    try {
      result = backend.issue(new IssueRequest(alias, transactionId(alias, profile),
          csr(subject(alias, role), keyPair, profile, provider), profile));
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
  static PKCS10CertificationRequest csr(X500Name subject, KeyPair keyPair, CertificateProfile profile,
      java.util.Optional<java.security.Provider> provider) {
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.keyUsage, true, KeyUsages.of(profile.keyUsages()));
      JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withRSA");
      provider.ifPresent(signer::setProvider);
      return new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
          .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
          .build(signer.build(keyPair.getPrivate()));
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
