package org.scepra.backend.internalca;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the keystore password comes from. {@link CaKeyStore} resolves it while holding the
 * keystore's lock, so that generating a password and creating the keystore happen together.
 */
@FunctionalInterface
public interface KeystorePassword {

  /**
   * Returns a fresh copy of the password; the caller clears it after use.
   *
   * @param keystoreExists whether the keystore already exists (a new password must then not be
   *     invented)
   */
  char[] resolve(boolean keystoreExists) throws IOException, InternalCaException;

  /** A password given by configuration. */
  static KeystorePassword of(char[] password) {
    Objects.requireNonNull(password, "password");
    char[] copy = password.clone();
    return keystoreExists -> copy.clone();
  }

  /** A password kept in a file, generated at random on first use. */
  static KeystorePassword file(Path passwordFile) {
    return new PasswordFile(passwordFile);
  }
}
