package org.scepra.ra.identity;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an endpoint's two RA certificates work for SCEP clients, whoever made them (a supplied keystore, the
 * backend, or scepra itself when self-signed); renewal runs the same check on the certificates it gets.
 *
 * <p>Clients pick the RA certificates out of GetCACert by key usage: jscep 2.5.6 encrypts to the first end-entity
 * certificate that allows keyEncipherment and verifies CertReps with the first that allows digitalSignature. So the encryption certificate must allow keyEncipherment, the signing certificate
 * digitalSignature, and, when they are two certificates, neither may also allow the other's usage: a client could
 * then take the wrong one (EJBCA's ENDUSER profile gives both certificates both usages, and jscep failed with
 * "Could not for signerInfo for ...RA Encryption"). A missing keyUsage extension allows every usage (RFC 5280).
 */
public final class RaCertificateCheck {

  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_ENCIPHERMENT = 2;

  /** What the check found. */
  public sealed interface Result permits Usable, Unusable {}

  /** Both certificates are fit for their role and cannot be confused. */
  public record Usable() implements Result {}

  /**
   * @param problems what is wrong, one sentence each, for operators (never a secret)
   */
  public record Unusable(List<String> problems) implements Result {
    public Unusable {
      problems = List.copyOf(problems);
    }

    /** The problems as one text. */
    public String describe() {
      return String.join("; ", problems);
    }
  }

  private RaCertificateCheck() {}

  public static Result check(RaIdentity identity) {
    X509Certificate signing = identity.signingCertificate();
    X509Certificate encryption = identity.encryptionCertificate();
    List<String> problems = new ArrayList<>();
    requireEndEntity(problems, "signing", signing);
    requireEndEntity(problems, "encryption", encryption);
    if (!allows(signing, DIGITAL_SIGNATURE)) {
      problems.add(name("signing", signing) + " does not allow digitalSignature, which signing CertReps needs");
    }
    if (!allows(encryption, KEY_ENCIPHERMENT)) {
      problems.add(name("encryption", encryption) + " does not allow keyEncipherment, which clients encrypt to");
    }
    if (!signing.equals(encryption)) {
      if (allows(encryption, DIGITAL_SIGNATURE)) {
        problems.add(name("encryption", encryption) + " also allows digitalSignature, so clients that pick the RA "
            + "signer by key usage (jscep) can take it for the signer");
      }
      if (allows(signing, KEY_ENCIPHERMENT)) {
        problems.add(name("signing", signing) + " also allows keyEncipherment, so clients that pick the RA "
            + "certificate to encrypt to by key usage can take it");
      }
    }
    requireMatchingKey(problems, "signing", signing, identity.signingKey());
    requireMatchingKey(problems, "encryption", encryption, identity.encryptionKey());
    return problems.isEmpty() ? new Usable() : new Unusable(problems);
  }

  /** Clients take a CA certificate in GetCACert for the issuing CA, never for the RA. */
  private static void requireEndEntity(List<String> problems, String role, X509Certificate certificate) {
    if (certificate.getBasicConstraints() >= 0) {
      problems.add(name(role, certificate) + " is a CA certificate, which clients take for the issuing CA");
    }
  }

  /** A supplied keystore with a key that does not belong to its certificate fails every request; RSA keys tell. */
  private static void requireMatchingKey(List<String> problems, String role, X509Certificate certificate,
      PrivateKey key) {
    PublicKey publicKey = certificate.getPublicKey();
    if (key instanceof RSAKey privateRsa && publicKey instanceof RSAKey publicRsa
        && !privateRsa.getModulus().equals(publicRsa.getModulus())) {
      problems.add(name(role, certificate) + " does not belong to the RA " + role + " key");
    }
  }

  private static boolean allows(X509Certificate certificate, int bit) {
    boolean[] usage = certificate.getKeyUsage();
    return usage == null || (usage.length > bit && usage[bit]);
  }

  private static String name(String role, X509Certificate certificate) {
    return "the RA " + role + " certificate (" + certificate.getSubjectX500Principal().getName() + ")";
  }
}
