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
import java.util.Optional;
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
  /** The key's place in a PKCS#11 token; empty: the key is in the PKCS#12 keystore. */
  private final Optional<TokenCaKeys.Entry> token;
  private final SecureRandom random = new SecureRandom();

  public CaKeyStore(Path keystore, CaSettings settings) {
    this(keystore, settings, Clock.systemUTC());
  }

  public CaKeyStore(Path keystore, CaSettings settings, Clock clock) {
    this(keystore, settings, clock, Optional.empty());
  }

  /**
   * @param token where the key lives when it is in a PKCS#11 token: then only the certificate is written, to
   *     {@link #certificateFile}, and the keystore is never created
   */
  CaKeyStore(Path keystore, CaSettings settings, Clock clock, Optional<TokenCaKeys.Entry> token) {
    this.keystore = keystore.toAbsolutePath().normalize();
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.token = Objects.requireNonNull(token, "token");
  }

  /** Where the CA certificate is kept when its key is in a token: {@code ca.p12} becomes {@code ca.pem}. */
  static Path certificateFile(Path keystore) {
    String name = keystore.getFileName().toString();
    return keystore.resolveSibling((name.endsWith(".p12") ? name.substring(0, name.length() - 4) : name) + ".pem");
  }

  /** The file whose presence says the CA exists: the keystore, or the certificate of a key in a token. */
  Path marker() {
    return token.isPresent() ? certificateFile(keystore) : keystore;
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
        if (token.isPresent()) {
          if (!Files.exists(marker()) && Files.exists(keystore)) {
            // never a second CA beside the one whose key is in the keystore
            throw new InternalCaException("the internal CA's key is in the keystore " + keystore + ", not in the "
                + "PKCS#11 token: set scepra.internal-ca.keys=file, or put that key with its certificate into the "
                + "token under the label '" + token.get().label() + "' and move the keystore away");
          }
          return Files.exists(marker()) ? TokenCaFiles.load(marker(), token.get())
              : TokenCaFiles.create(marker(), token.get(), settings, random, clock);
        }
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
    if (token.isPresent()) {
      try {
        return TokenCaFiles.load(marker(), token.get());
      } catch (IOException | GeneralSecurityException e) {
        throw new InternalCaException("cannot load the internal CA " + marker() + ": " + e.getMessage(), e);
      }
    }
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
    if (token.isPresent()) {
      try {
        TokenCaFiles.store(marker(), token.get(), ca);
        return;
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot store the CA key in the PKCS#11 token: " + e.getMessage(), e);
      }
    }
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
