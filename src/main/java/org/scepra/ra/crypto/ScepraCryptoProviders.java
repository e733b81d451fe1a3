package org.scepra.ra.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.scepra.ra.hsm.Pkcs11Token;
import org.scepra.spi.CryptoProviders;

/**
 * scepra's {@link CryptoProviders}: decides once, at deployment, whether private-key operations go through ACCP or the
 * JDK ({@code scepra.crypto.provider}), says so once in the log, and stops the deployment when {@code accp} is asked
 * for and unusable. The provider is only ever handed to the code that uses it, never added to the JVM's provider
 * list: the application server and its other deployments keep their own crypto.
 */
@ApplicationScoped
public class ScepraCryptoProviders implements CryptoProviders {
  private static final Logger LOG = Logger.getLogger(ScepraCryptoProviders.class.getName());
  private static final String PKCS11_MODULE = "jdk.crypto.cryptoki";

  private CryptoProviderSetting setting;
  private Optional<Provider> provider;
  /** Keys of a PKCS#11 token are used with its provider, which is not in the JVM's list; none in tests. */
  private Supplier<Optional<Provider>> token = Optional::empty;

  /** For the CDI proxy only. */
  protected ScepraCryptoProviders() {}

  @Inject
  public ScepraCryptoProviders(Config config, Pkcs11Token token) {
    this(CryptoProviderSetting.parse(config.getOptionalValue(CryptoProviderSetting.KEY, String.class)),
        () -> JvmWideAccp.get(() -> AccpLoader.forThisJvm().load()));
    this.token = token::loggedInProvider;
  }

  /**
   * Created as the application starts, not at the first private-key operation: RA keys are made in the background, so
   * a wrong setting, or {@code accp} where it is unusable, would otherwise leave a deployed server that cannot sign.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.fine(() -> "crypto provider decided: " + providerName());
  }

  /** @param accp ACCP's status in this JVM; asked only when the setting is not {@code jdk} */
  public ScepraCryptoProviders(CryptoProviderSetting setting, Supplier<AccpStatus> accp) {
    this.setting = setting;
    this.provider = setting == CryptoProviderSetting.JDK ? Optional.empty() : accp(setting, accp.get());
    if (setting == CryptoProviderSetting.JDK) {
      LOG.info(() -> CryptoProviderSetting.KEY + "=jdk: RSA private-key operations use the JDK's providers");
    }
  }

  private static Optional<Provider> accp(CryptoProviderSetting setting, AccpStatus status) {
    String key = CryptoProviderSetting.KEY + "=" + setting.configValue();
    if (status instanceof AccpStatus.Usable usable) {
      LOG.info(() -> key + ": RSA private-key operations use " + describe(usable.provider()));
      return Optional.of(usable.provider());
    }
    String reason = ((AccpStatus.Unusable) status).reason();
    if (setting == CryptoProviderSetting.ACCP) {
      throw new IllegalStateException(key + ", but ACCP is unusable here: " + reason + " (set it to auto or jdk)");
    }
    LOG.info(() -> key + ": RSA private-key operations use the JDK's providers; ACCP is unusable here: " + reason);
    return Optional.empty();
  }

  /**
   * The chosen provider for keys in memory (RSA and EC, as a PKCS#12 keystore gives them); any other key is left to
   * the JVM's providers, which find the key's own. That includes every key of SunPKCS11 (module
   * {@code jdk.crypto.cryptoki}), even one whose parts could be read: a token's key is used on the token.
   */
  @Override
  public Optional<Provider> forKey(PrivateKey key) {
    if (PKCS11_MODULE.equals(key.getClass().getModule().getName())) {
      return token.get();
    }
    boolean inMemory = key instanceof RSAPrivateCrtKey || key instanceof ECPrivateKey;
    return inMemory ? provider : Optional.empty();
  }

  /** ACCP's own copy of a key in memory (made once by the caller and kept); the key itself otherwise. */
  @Override
  public PrivateKey keyFor(PrivateKey key) {
    Optional<Provider> chosen = forKey(key);
    if (chosen.isEmpty()) {
      return key;
    }
    try {
      return (PrivateKey) KeyFactory.getInstance(key.getAlgorithm(), chosen.get()).translateKey(key);
    } catch (GeneralSecurityException | RuntimeException e) {
      LOG.fine(() -> chosen.get().getName() + " cannot take over a " + key.getAlgorithm() + " key (" + e
          + "); it converts the key at each use instead");
      return key;
    }
  }

  public CryptoProviderSetting setting() {
    return setting;
  }

  /** The provider for keys in memory, as metrics name it: {@code jdk} or ACCP's name. */
  public String providerName() {
    return provider.map(Provider::getName).orElse("jdk");
  }

  public String providerVersion() {
    return provider.map(Provider::getVersionStr).orElse(Runtime.version().feature() + "");
  }

  private static String describe(Provider provider) {
    return provider.getName() + " " + provider.getVersionStr() + " (AWS-LC)";
  }
}
