package org.scepra.ra.hsm;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.security.auth.login.LoginException;
import org.eclipse.microprofile.config.Config;
import org.scepra.spi.KeyToken;

/**
 * The PKCS#11 token through the JDK's SunPKCS11: one provider instance per deployment, never added to the JVM's
 * provider list (other deployments share the JVM), logged in with {@code scepra.pkcs11.pin} on first use and logged
 * out when the application stops, so that a redeployment in the same JVM logs in afresh. A token that cannot be used
 * (missing) is tried again at most every {@link #RETRY_NANOS}; a PIN the token refused is never tried again by this
 * deployment, since HSMs lock a user out after a few wrong PINs.
 */
@ApplicationScoped
public class Pkcs11Token implements KeyToken {
  private static final Logger LOG = Logger.getLogger(Pkcs11Token.class.getName());
  static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** The PKCS#11 return codes that say the PIN itself is wrong: trying it again could only lock the user out. */
  private static final java.util.List<String> PIN_REFUSALS =
      java.util.List.of("CKR_PIN_INCORRECT", "CKR_PIN_LEN_RANGE", "CKR_PIN_LOCKED", "CKR_PIN_EXPIRED");

  private Pkcs11Settings settings;
  private long retryNanos;
  private final Object lock = new Object();
  private final java.util.concurrent.atomic.AtomicInteger opens = new java.util.concurrent.atomic.AtomicInteger();
  private volatile Session session;
  private volatile Failure failure;

  private record Session(Provider provider, KeyStore keyStore) {}

  /** @param last a refused PIN: not tried again by this deployment */
  private record Failure(String reason, long atNanos, boolean last) {}

  /** For the CDI proxy only. */
  protected Pkcs11Token() {}

  /** @throws IllegalStateException naming the key of an invalid setting */
  @Inject
  public Pkcs11Token(Config config) {
    this(config, RETRY_NANOS);
  }

  /** For tests: how soon a token that could not be used is tried again. */
  Pkcs11Token(Config config, long retryNanos) {
    this.settings = Pkcs11Settings.read(config);
    this.retryNanos = retryNanos;
  }

  /** How often this deployment tried to open the token (tests). */
  int opens() {
    return opens.get();
  }

  public boolean configured() {
    return settings.configured();
  }

  /** Which token, for operators (readiness); never the PIN. */
  public String describe() {
    return "PKCS#11 " + settings.describeToken() + " of " + settings.library().map(Object::toString).orElse("-");
  }

  /** The provider of a session logged in now, if any (for keys already taken from the token). */
  public Optional<Provider> loggedInProvider() {
    Session current = session;
    return current == null ? Optional.empty() : Optional.of(current.provider());
  }

  @Override
  public Optional<String> problem() {
    try {
      session();
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public Provider provider() throws GeneralSecurityException {
    return session().provider();
  }

  @Override
  public Optional<Entry> find(String label) throws GeneralSecurityException {
    KeyStore keyStore = session().keyStore();
    synchronized (keyStore) {
      if (!keyStore.isKeyEntry(label)) {
        return Optional.empty();
      }
      if (keyStore.getKey(label, null) instanceof PrivateKey key
          && keyStore.getCertificate(label) instanceof X509Certificate certificate) {
        return Optional.of(new Entry(key, certificate));
      }
      throw new GeneralSecurityException("the token's entry '" + label + "' has no private key with a certificate");
    }
  }

  @Override
  public KeyPair generateRsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", session().provider());
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  @Override
  public void store(String label, PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
    KeyStore keyStore = session().keyStore();
    synchronized (keyStore) {
      keyStore.setKeyEntry(label, key, null, new Certificate[] {certificate});
    }
  }

  @Override
  public Optional<String> labelOf(X509Certificate certificate) throws GeneralSecurityException {
    KeyStore keyStore = session().keyStore();
    synchronized (keyStore) {
      return Optional.ofNullable(keyStore.getCertificateAlias(certificate));
    }
  }

  /** Created, and logged in, when the application starts: an invalid setting stops the deployment, naming its key. */
  void onStart(@jakarta.enterprise.event.Observes @jakarta.enterprise.context.Initialized(ApplicationScoped.class)
      Object event) {
    if (settings.configured()) {
      problem(); // logs why the token cannot be used; readiness reports it
    }
  }

  @Override
  public void delete(String label) throws GeneralSecurityException {
    KeyStore keyStore = session().keyStore();
    synchronized (keyStore) {
      if (keyStore.containsAlias(label)) {
        keyStore.deleteEntry(label);
      }
    }
  }

  private Session session() throws GeneralSecurityException {
    Session current = session;
    if (current != null) {
      return current;
    }
    synchronized (lock) {
      if (session != null) {
        return session;
      }
      Failure last = failure;
      if (last != null && (last.last() || System.nanoTime() - last.atNanos() < retryNanos)) {
        throw new GeneralSecurityException(last.reason());
      }
      try {
        opens.incrementAndGet();
        session = open();
        failure = null;
        LOG.info(() -> "logged in to the " + describe() + " (provider " + session.provider().getName()
            + ", not in the JVM's provider list)");
        return session;
      } catch (GeneralSecurityException e) {
        String text = causes(e);
        boolean pinRefused = PIN_REFUSALS.stream().anyMatch(text::contains);
        String reason = pinRefused ? e.getMessage() + "; not tried again until scepra is restarted or redeployed "
            + "(HSMs lock a user out after a few wrong PINs)" : e.getMessage();
        failure = new Failure(reason, System.nanoTime(), pinRefused);
        LOG.warning(reason);
        throw new GeneralSecurityException(reason, e);
      }
    }
  }

  private Session open() throws GeneralSecurityException {
    if (!settings.configured()) {
      throw new GeneralSecurityException("no PKCS#11 token is configured (" + Pkcs11Settings.LIBRARY + ")");
    }
    if (!Files.isReadable(settings.library().get())) {
      throw new GeneralSecurityException("the PKCS#11 module " + settings.library().get() + " (" + Pkcs11Settings.LIBRARY
          + ") does not exist or cannot be read");
    }
    if (settings.pin().isEmpty()) {
      throw new GeneralSecurityException(Pkcs11Settings.PIN + " is not set (give it as the environment variable "
          + "SCEPRA_PKCS11_PIN or from a secret store)");
    }
    Optional<Long> slot = settings.slot();
    if (settings.tokenLabel().isPresent()) {
      slot = Optional.of(TokenLabels.slotOf(settings.library().get(), settings.tokenLabel().get()));
    }
    String name = "scepra-" + UUID.randomUUID().toString().substring(0, 8);
    Provider provider;
    try {
      provider = Security.getProvider("SunPKCS11").configure("--" + settings.sunPkcs11Config(name, slot));
    } catch (ProviderException | IllegalArgumentException e) {
      throw new GeneralSecurityException("the " + describe() + " cannot be used: " + causes(e), e);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
    char[] pin = settings.pin().get().toCharArray();
    try {
      keyStore.load(null, pin);
    } catch (IOException e) {
      throw new GeneralSecurityException("the " + describe() + " refused to log in with " + Pkcs11Settings.PIN + ": "
          + causes(e), e);
    } finally {
      java.util.Arrays.fill(pin, '\0');
    }
    return new Session(provider, keyStore);
  }

  /** Logs out: the next deployment in this JVM logs in with a provider of its own. */
  @PreDestroy
  void logout() {
    Session current = session;
    session = null;
    if (current != null && current.provider() instanceof AuthProvider auth) {
      try {
        auth.logout();
        LOG.info(() -> "logged out of the " + describe());
      } catch (LoginException e) {
        LOG.warning("logging out of the " + describe() + " failed: " + e.getMessage());
      }
    }
  }

  /** The causes' messages: SunPKCS11 puts the PKCS#11 return code (CKR_PIN_INCORRECT, CKR_SLOT_ID_INVALID) deep. */
  static String causes(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (text.indexOf(message) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(message);
      }
    }
    return text.toString();
  }
}
