package org.scepra.backend.internalca;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The internal CA's PKCS#12 keystore: creates the CA on first use, loads it on every later one.
 * Safe when several JVMs or threads start at once on the same file: create-or-load runs under a
 * {@link FileMutex} on {@code <keystore>.lock}, and the keystore appears atomically.
 */
public final class CaKeyStore {

  /** The keystore entry holding the CA key and certificate. */
  public static final String ALIAS = "ca";

  private static final String TYPE = "PKCS12";

  private final Path keystore;
  private final CaSettings settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public CaKeyStore(Path keystore, CaSettings settings) {
    this(keystore, settings, Clock.systemUTC());
  }

  public CaKeyStore(Path keystore, CaSettings settings, Clock clock) {
    this.keystore = keystore.toAbsolutePath().normalize();
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Path keystore() {
    return keystore;
  }

  /** The default password file for a keystore: {@code <keystore>.pass}. */
  public static Path passwordFileFor(Path keystore) {
    return keystore.resolveSibling(keystore.getFileName() + ".pass");
  }

  /** Creates the CA if the keystore does not exist, otherwise loads it; never overwrites it. */
  public CaIdentity createOrLoad(KeystorePassword password) throws InternalCaException {
    Objects.requireNonNull(password, "password");
    try {
      OwnerOnlyFiles.createDirectories(keystore.getParent());
      Path lockFile = keystore.resolveSibling(keystore.getFileName() + ".lock");
      try (FileMutex lock = FileMutex.acquire(lockFile)) {
        boolean exists = Files.exists(keystore);
        char[] secret = password.resolve(exists);
        try {
          return exists ? load(secret) : create(secret);
        } finally {
          Arrays.fill(secret, '\0');
        }
      }
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new InternalCaException(
          "cannot create or load the internal CA keystore " + keystore + ": " + e.getMessage(), e);
    }
  }

  /** Loads a keystore that must exist (a later CA generation's); never creates one. */
  CaIdentity loadExisting(KeystorePassword password) throws InternalCaException {
    char[] secret = null;
    try {
      secret = password.resolve(true);
      return load(secret);
    } catch (IOException | GeneralSecurityException e) {
      throw new InternalCaException(
          "cannot load the internal CA keystore " + keystore + ": " + e.getMessage(), e);
    } finally {
      if (secret != null) {
        Arrays.fill(secret, '\0');
      }
    }
  }

  /** Writes {@code ca} as a new keystore (a later CA generation's), atomically. */
  void store(CaIdentity ca, KeystorePassword password) throws IOException, InternalCaException {
    char[] secret = password.resolve(true);
    try {
      write(ca, secret);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write " + keystore + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private CaIdentity load(char[] password)
      throws IOException, GeneralSecurityException, InternalCaException {
    KeyStore store = KeyStore.getInstance(TYPE);
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password);
    } catch (IOException e) {
      if (isWrongPassword(e)) {
        throw new InternalCaException(
            "wrong password for the internal CA keystore "
                + keystore
                + " (the keystore was left unchanged; check the configured password"
                + " or the password file)",
            e);
      }
      throw e;
    }
    Key key = store.getKey(ALIAS, password);
    Certificate certificate = store.getCertificate(ALIAS);
    if (!(key instanceof PrivateKey privateKey)
        || !(certificate instanceof X509Certificate x509)) {
      throw new InternalCaException(
          "the internal CA keystore " + keystore + " has no private key entry '" + ALIAS + "'");
    }
    if (x509.getBasicConstraints() < 0) {
      throw new InternalCaException(
          "the certificate in " + keystore + " is not a CA certificate (basicConstraints)");
    }
    return new CaIdentity(privateKey, x509);
  }

  private CaIdentity create(char[] password)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    CaIdentity ca = CaCertificateFactory.create(settings, random, clock);
    write(ca, password);
    return ca;
  }

  private void write(CaIdentity ca, char[] password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(TYPE);
    store.load(null, null);
    store.setKeyEntry(ALIAS, ca.privateKey(), password, new Certificate[] {ca.certificate()});
    OwnerOnlyFiles.writeAtomically(keystore, out -> store.store(out, password));
  }

  /**
   * The JDK's PKCS#12 store reports a failed MAC check as an IOException caused by an
   * UnrecoverableKeyException; other providers only say so in the message.
   */
  private static boolean isWrongPassword(IOException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return e.getCause() instanceof UnrecoverableKeyException || message.contains("password");
  }
}
