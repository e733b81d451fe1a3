package org.scepra.ra.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.scepra.ra.identity.RaIdentityUnavailable.Retry;
import org.scepra.spi.CaBackend;
import org.scepra.spi.ProfileMapping;

/**
 * Finds or creates the RA identity of each endpoint under the data directory, and checks it
 * ({@link RaCertificateCheck}) before an endpoint serves with it; an identity that fails the check is never stored.
 */
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

  /**
   * The identity already in the endpoint's keystore, unchecked (see {@link #check}); empty if there is no keystore.
   *
   * @throws IOException or GeneralSecurityException if the keystore cannot be read (wrong password, damaged)
   */
  public Optional<RaIdentity> existing(String alias) throws IOException, GeneralSecurityException {
    return keystore(alias).loadIfPresent();
  }

  /**
   * The endpoint's identity from its keystore, or, if there is none, a new one certified by the endpoint's backend
   * (or self-signed) and stored; checked either way.
   *
   * @throws RaIdentityUnavailable saying why, and whether trying again can help
   */
  public RaIdentity obtain(String alias, CaBackend backend, boolean selfSigned) throws RaIdentityUnavailable {
    RaKeyStoreFile keystore = keystore(alias);
    try {
      RaKeyStoreFile.Loaded loaded = keystore.loadOrCreate(() -> {
        RaIdentity created = factory.create(alias, backend, selfSigned);
        if (RaCertificateCheck.check(created) instanceof RaCertificateCheck.Unusable unusable) {
          throw new RaIdentityUnavailable("the RA certificates just issued are unusable: " + unusable.describe() + "; "
              + issuedAdvice(alias, backend), Retry.LATER);
        }
        return created;
      });
      if (!loaded.created()) {
        Optional<String> problem = check(alias, loaded.identity(), backend, selfSigned);
        if (problem.isPresent()) {
          throw new RaIdentityUnavailable(problem.get(), Retry.SOON);
        }
      }
      return loaded.identity();
    } catch (IOException | GeneralSecurityException e) {
      throw new RaIdentityUnavailable("cannot use the RA keystore " + keystore.file() + ": " + e.getMessage(),
          Retry.SOON);
    }
  }

  /**
   * What is wrong with an identity read from the endpoint's keystore, with what to change; empty if it is usable.
   */
  public Optional<String> check(String alias, RaIdentity identity, CaBackend backend, boolean selfSigned) {
    if (RaCertificateCheck.check(identity) instanceof RaCertificateCheck.Unusable unusable) {
      Path file = keystoreFile(directory, alias);
      String advice = "replace " + file + " with RA certificates that have one key usage each (README, RA identity)";
      if (!selfSigned && backend instanceof ProfileMapping) {
        advice += ", or, if the CA backend issued them, " + issuedAdvice(alias, backend) + " and delete " + file
            + " so that scepra asks for new ones";
      }
      return Optional.of("the RA certificates in " + file + " are unusable: " + unusable.describe() + "; " + advice);
    }
    return Optional.empty();
  }

  /** Names the backend's settings that decided the key usages of the RA certificates it issued. */
  private static String issuedAdvice(String alias, CaBackend backend) {
    if (backend instanceof ProfileMapping mapping) {
      return "give " + mapping.settingFor(alias, RaIdentityFactory.SIGNING.name()) + " the key usage digitalSignature "
          + "only and " + mapping.settingFor(alias, RaIdentityFactory.ENCRYPTION.name()) + " keyEncipherment only";
    }
    return "make the CA backend issue the RA signing certificate with digitalSignature only and the RA encryption "
        + "certificate with keyEncipherment only";
  }

  private RaKeyStoreFile keystore(String alias) {
    return new RaKeyStoreFile(keystoreFile(directory, alias), keystorePassword);
  }
}
