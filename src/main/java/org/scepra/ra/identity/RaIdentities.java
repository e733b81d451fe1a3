package org.scepra.ra.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.scepra.spi.CaBackend;

/** Finds or creates the RA identity of each endpoint under the data directory. */
public final class RaIdentities {

  private final Path directory;
  private final Optional<String> keystorePassword;
  private final RaIdentityFactory factory;

  /**
   * @param directory where {@code <alias>.p12} files live
   * @param keystorePassword the keystores' password; empty to generate one per keystore
   * @param keySize RSA key size for newly created RA keys
   */
  public RaIdentities(Path directory, Optional<String> keystorePassword, int keySize) {
    this.directory = directory;
    this.keystorePassword = keystorePassword;
    this.factory = new RaIdentityFactory(keySize);
  }

  public static Path keystoreFile(Path directory, String alias) {
    return directory.resolve(alias + ".p12");
  }

  public RaIdentity loadOrCreate(String alias, CaBackend backend, boolean selfSigned)
      throws IOException, GeneralSecurityException {
    return new RaKeyStoreFile(keystoreFile(directory, alias), keystorePassword)
        .loadOrCreate(() -> factory.create(alias, backend, selfSigned));
  }
}
