package org.scepra.backend.internalca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A keystore password stored in an owner-only file next to the keystore, so the CA works with no
 * configuration and survives restarts.
 */
final class PasswordFile implements KeystorePassword {

  /** 256 bits: far beyond guessing, Base64url keeps it printable and shell-safe. */
  private static final int RANDOM_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;

  PasswordFile(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public char[] resolve(boolean keystoreExists) throws IOException, InternalCaException {
    if (Files.exists(file)) {
      return read();
    }
    if (keystoreExists) {
      // Inventing a password now could never open the existing keystore.
      throw new InternalCaException(
          "the internal CA keystore exists but its password file "
              + file
              + " is missing; restore the file or configure the keystore password");
    }
    return create();
  }

  private char[] read() throws IOException, InternalCaException {
    // strip() tolerates a trailing newline added by an editor.
    String password = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (password.isEmpty()) {
      throw new InternalCaException("the internal CA password file " + file + " is empty");
    }
    return password.toCharArray();
  }

  private char[] create() throws IOException {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    OwnerOnlyFiles.writeAtomically(
        file, out -> out.write(password.getBytes(StandardCharsets.US_ASCII)));
    return password.toCharArray();
  }
}
