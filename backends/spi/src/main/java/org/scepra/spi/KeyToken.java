package org.scepra.spi;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The PKCS#11 token (HSM) that holds keys for scepra and its backends, configured by {@code scepra.pkcs11.*}. scepra
 * supplies the one implementation as a CDI bean, present also when no token is configured ({@link #problem} then
 * says so). Keys generated here never leave the token: they are non-extractable, and every operation with them must
 * go through {@link #provider()}, which is not in the JVM's provider list (the JVM is shared with other deployments).
 */
public interface KeyToken {

  /** A private key in the token with the certificate stored beside it. */
  record Entry(PrivateKey key, X509Certificate certificate) {
    @Override
    public String toString() {
      return "KeyToken.Entry[" + certificate.getSubjectX500Principal().getName() + "]";
    }
  }

  /** Why the token cannot be used now (not configured, wrong PIN, missing token); empty when it can. Never a secret. */
  Optional<String> problem();

  /**
   * The token's JCA provider: pass it explicitly to every signer, cipher and key generator for its keys.
   *
   * @throws GeneralSecurityException saying why the token is unusable
   */
  Provider provider() throws GeneralSecurityException;

  /** The key and certificate stored under {@code label} (by scepra, or by an administrator); empty if none. */
  Optional<Entry> find(String label) throws GeneralSecurityException;

  /**
   * A new RSA key pair generated in the token, sensitive and non-extractable; it lasts only as long as the session
   * until {@link #store} makes it a token object, so a key whose certificate was never issued leaves nothing behind.
   */
  KeyPair generateRsa(int bits) throws GeneralSecurityException;

  /** Stores a key from {@link #generateRsa} with its certificate under {@code label}, in the token. */
  void store(String label, PrivateKey key, X509Certificate certificate) throws GeneralSecurityException;

  /** The label under which {@code certificate} is stored; empty if it is not in the token. */
  Optional<String> labelOf(X509Certificate certificate) throws GeneralSecurityException;

  /** Removes the key and certificate under {@code label}, if any. */
  void delete(String label) throws GeneralSecurityException;
}
