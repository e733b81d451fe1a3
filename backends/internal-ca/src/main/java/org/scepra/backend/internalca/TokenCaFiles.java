package org.scepra.backend.internalca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.scepra.spi.KeyToken;

/**
 * A CA generation whose key is in a PKCS#11 token: the key and its certificate under the generation's label in the
 * token, and a copy of the certificate in the CA's folder (what exists, for every node sharing the folder). A key an
 * administrator put in the token under the label, with its CA certificate, is used as it is.
 */
final class TokenCaFiles {

  private TokenCaFiles() {}

  static CaIdentity load(Path certificateFile, TokenCaKeys.Entry entry)
      throws IOException, GeneralSecurityException, InternalCaException {
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(certificateFile)) {
      certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyToken.Entry found = entry.token().find(entry.label()).orElseThrow(() -> new InternalCaException(
        "the PKCS#11 token has no key labelled '" + entry.label() + "' for the CA certificate in " + certificateFile));
    if (!found.certificate().getPublicKey().equals(certificate.getPublicKey())) {
      throw new InternalCaException("the key labelled '" + entry.label() + "' in the PKCS#11 token does not belong to "
          + "the CA certificate in " + certificateFile);
    }
    return identity(found.key(), certificate, entry);
  }

  /** The administrator's key under the label, or a new one generated in the token; its certificate written down. */
  static CaIdentity create(Path certificateFile, TokenCaKeys.Entry entry, CaSettings settings, SecureRandom random,
      Clock clock) throws IOException, GeneralSecurityException, InternalCaException {
    Optional<KeyToken.Entry> existing = entry.token().find(entry.label());
    CaIdentity ca;
    if (existing.isPresent()) {
      if (existing.get().certificate().getBasicConstraints() < 0) {
        throw new InternalCaException("the certificate of '" + entry.label() + "' in the PKCS#11 token is not a CA "
            + "certificate (basicConstraints)");
      }
      ca = identity(existing.get().key(), existing.get().certificate(), entry);
    } else {
      KeyPair keys = entry.token().generateRsa(settings.keySize());
      X500Name name = X500Name.getInstance(new X500Principal(settings.subject()).getEncoded());
      Instant notBefore = clock.instant().minus(settings.backdate()).truncatedTo(ChronoUnit.SECONDS);
      try {
        X509Certificate certificate = CaCertificateFactory.certify(name, keys.getPublic(), name, null,
            new TokenCaKeys(entry.token(), entry.label()).signer(settings.signatureAlgorithm(), keys.getPrivate()),
            notBefore, notBefore.plus(Duration.ofDays(settings.validityDays())), random);
        entry.token().store(entry.label(), keys.getPrivate(), certificate);
        ca = identity(keys.getPrivate(), certificate, entry);
      } catch (OperatorCreationException e) {
        throw new GeneralSecurityException(e.getMessage(), e);
      }
    }
    writeCertificate(certificateFile, ca.certificate());
    return ca;
  }

  /** A generation made elsewhere (a rollover) whose key is already a key of the token. */
  static void store(Path certificateFile, TokenCaKeys.Entry entry, CaIdentity ca)
      throws IOException, GeneralSecurityException {
    entry.token().store(entry.label(), ca.privateKey(), ca.certificate());
    writeCertificate(certificateFile, ca.certificate());
  }

  private static CaIdentity identity(java.security.PrivateKey key, X509Certificate certificate, TokenCaKeys.Entry entry)
      throws GeneralSecurityException {
    var provider = entry.token().provider();
    return new CaIdentity(key, certificate, k -> Optional.of(provider));
  }

  private static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
    OwnerOnlyFiles.createDirectories(file.getParent());
    OwnerOnlyFiles.writeAtomically(file, out -> {
      JcaPEMWriter pem = new JcaPEMWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII));
      pem.writeObject(certificate);
      pem.flush();
    });
  }
}
