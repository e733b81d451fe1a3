package org.scepra.ra.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scepra.ra.identity.RaIdentityUnavailable.Retry;
import org.scepra.spi.CaBackend;
import org.scepra.spi.NextCaSource;
import org.scepra.spi.ProfileMapping;

/**
 * Finds or creates the RA identity of each endpoint under the data directory, and checks it
 * ({@link RaCertificateCheck}) before an endpoint serves with it; an identity that fails the check is never stored.
 */
public final class RaIdentities {

  private final Path directory;
  private final Optional<String> keystorePassword;
  private final int keySize;
  private final Clock clock;
  /** The PKCS#11 token of each endpoint whose RA keys live in one ({@code keys=pkcs11}). */
  private final java.util.function.Function<String, Optional<org.scepra.spi.KeyToken>> tokens;

  /**
   * @param directory where {@code <alias>.p12} files live
   * @param keystorePassword the keystores' password; empty to generate one per keystore
   * @param keySize RSA key size for newly created RA keys
   */
  public RaIdentities(Path directory, Optional<String> keystorePassword, int keySize) {
    this(directory, keystorePassword, keySize, Clock.systemUTC());
  }

  /** @param clock decides whether certificates have expired */
  public RaIdentities(Path directory, Optional<String> keystorePassword, int keySize, Clock clock) {
    this(directory, keystorePassword, keySize, clock, alias -> Optional.empty());
  }

  /** @param tokens the PKCS#11 token of an endpoint with {@code keys=pkcs11}; empty for keys in a PKCS#12 file */
  public RaIdentities(Path directory, Optional<String> keystorePassword, int keySize, Clock clock,
      java.util.function.Function<String, Optional<org.scepra.spi.KeyToken>> tokens) {
    this.directory = directory;
    this.keystorePassword = keystorePassword;
    this.keySize = keySize;
    this.clock = clock;
    this.tokens = tokens;
  }

  /** New keys in the endpoint's token (signed through its provider), or in memory. */
  private RaIdentityFactory factory(String alias) {
    Optional<org.scepra.spi.KeyToken> token = tokens.apply(alias);
    if (token.isEmpty()) {
      return new RaIdentityFactory(keySize);
    }
    return new RaIdentityFactory(keySize, token.get()::generateRsa, () -> {
      try {
        return Optional.of(token.get().provider());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e.getMessage(), e); // generate() failed first, saying the same
      }
    });
  }

  /**
   * Why the endpoint's RA keys cannot be reached now though they may well exist: their PKCS#11 token cannot be used
   * (wrong PIN, token missing). Empty for keys in a file, whose problems are the file's.
   */
  public Optional<String> storeProblem(String alias) {
    return tokens.apply(alias).flatMap(org.scepra.spi.KeyToken::problem)
        .map(problem -> "its RA keys are in the PKCS#11 token, which cannot be used: " + problem);
  }

  /** Whether scepra can renew an identity by itself. */
  public sealed interface Renewability permits Renewable, Supplied, Unknown {}

  /** scepra made these certificates (self-signed) or the endpoint's CA backend issued them: it renews them. */
  public record Renewable() implements Renewability {}

  /** The certificates come from elsewhere: an operator replaces the keystore; {@code advice} says how. */
  public record Supplied(String advice) implements Renewability {}

  /** Cannot tell now (the CA does not answer); asked again later. */
  public record Unknown(String reason) implements Renewability {}

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
    RaKeyStore keystore = keystore(alias);
    try {
      RaKeyStore.Loaded loaded = keystore.loadOrCreate(() -> {
        RaIdentity created = factory(alias).create(alias, backend, selfSigned);
        if (RaCertificateCheck.check(created) instanceof RaCertificateCheck.Unusable unusable) {
          throw new RaIdentityUnavailable("the RA certificates just issued are unusable: " + unusable.describe() + "; "
              + issuedAdvice(alias, backend), Retry.LATER);
        }
        return created;
      });
      if (!loaded.created()) {
        if (RaLifetime.of(loaded.identity(), clock.instant(), java.time.Duration.ZERO)
            instanceof RaLifetime.Expired expired) {
          return renewExpired(alias, backend, selfSigned, loaded.identity(), expired);
        }
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

  /** An expired identity in the keystore: renewed when scepra can, otherwise the endpoint waits for an operator. */
  private RaIdentity renewExpired(String alias, CaBackend backend, boolean selfSigned, RaIdentity identity,
      RaLifetime.Expired expired) throws RaIdentityUnavailable {
    String reason = RaLifetime.expiredReason(expired);
    Renewability renewability = renewability(alias, identity, backend, selfSigned);
    if (renewability instanceof Supplied supplied) {
      throw new RaIdentityUnavailable(reason + "; " + supplied.advice(), Retry.SOON);
    }
    if (renewability instanceof Unknown unknown) {
      throw new RaIdentityUnavailable(reason + "; cannot renew it now: " + unknown.reason(), Retry.SOON);
    }
    return renew(alias, backend, selfSigned, identity);
  }

  /**
   * A new identity (new keys, certified as at bootstrap) succeeding {@code current}, stored in the keystore; or, if
   * the keystore no longer holds {@code current} (another node renewed, an operator replaced it), the keystore's.
   * Either way the result keeps {@code current}'s encryption key while its certificate is valid.
   */
  public RaIdentity renew(String alias, CaBackend backend, boolean selfSigned, RaIdentity current)
      throws RaIdentityUnavailable {
    RaKeyStore keystore = keystore(alias);
    try {
      RaKeyStore.Loaded loaded = keystore.replaceIf(current, () -> {
        RaIdentity created = factory(alias).create(alias, backend, selfSigned);
        if (RaCertificateCheck.check(created) instanceof RaCertificateCheck.Unusable unusable) {
          throw new RaIdentityUnavailable("the renewed RA certificates are unusable: " + unusable.describe() + "; "
              + issuedAdvice(alias, backend), Retry.LATER);
        }
        return current.succeededBy(created, clock.instant());
      });
      RaIdentity identity = current.succeededBy(loaded.identity(), clock.instant());
      if (!loaded.created()) {
        Optional<String> problem = check(alias, identity, backend, selfSigned);
        if (problem.isPresent()) {
          throw new RaIdentityUnavailable(problem.get(), Retry.SOON);
        }
      }
      return identity;
    } catch (IOException | GeneralSecurityException e) {
      throw new RaIdentityUnavailable("cannot use the RA keystore " + keystore.file() + ": " + e.getMessage(),
          Retry.SOON);
    }
  }

  /** The keystore's identity if the file changed since {@code stamp} was taken; see {@link #stamp}. */
  public Optional<String> stamp(String alias) throws IOException {
    return keystore(alias).stamp();
  }

  /**
   * Whether scepra can renew {@code identity}: self-signed certificates on an endpoint that makes them, or
   * certificates signed by a CA the endpoint's backend reports (its chain, or a CA it rolled over from).
   */
  public Renewability renewability(String alias, RaIdentity identity, CaBackend backend, boolean selfSigned) {
    Path file = keystore(alias).file();
    String replace = "replace " + file + " with new RA certificates and keys (README, RA certificate lifecycle); "
        + "scepra picks the new file up within 15 s, without a restart";
    List<X509Certificate> issuers = new ArrayList<>();
    if (selfSigned) {
      issuers.add(identity.signingCertificate());
      issuers.add(identity.encryptionCertificate());
    } else {
      try {
        issuers.addAll(backend.caChain(alias));
        if (backend instanceof NextCaSource next) {
          issuers.addAll(next.previousCaCertificates(alias));
        }
      } catch (RuntimeException e) {
        return new Unknown("the CA backend does not report its CA certificates: " + e.getMessage());
      }
    }
    boolean ours = signedByOneOf(identity.signingCertificate(), issuers)
        && signedByOneOf(identity.encryptionCertificate(), issuers);
    return ours ? new Renewable() : new Supplied("the RA certificates were not issued by this endpoint's "
        + (selfSigned ? "self-signing (ra-certificates=self-signed)" : "CA") + ", so scepra cannot renew them: "
        + replace);
  }

  private static boolean signedByOneOf(X509Certificate certificate, List<X509Certificate> issuers) {
    for (X509Certificate issuer : issuers) {
      if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
        continue;
      }
      try {
        PublicKey key = issuer.getPublicKey();
        certificate.verify(key);
        return true;
      } catch (GeneralSecurityException e) {
        // another key with the same name (a CA generation): try the next
      }
    }
    return false;
  }

  /**
   * What is wrong with an identity read from the endpoint's keystore, with what to change; empty if it is usable.
   */
  public Optional<String> check(String alias, RaIdentity identity, CaBackend backend, boolean selfSigned) {
    if (RaCertificateCheck.check(identity) instanceof RaCertificateCheck.Unusable unusable) {
      Path file = keystore(alias).file();
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

  private RaKeyStore keystore(String alias) {
    Optional<org.scepra.spi.KeyToken> token = tokens.apply(alias);
    return token.isPresent() ? new RaTokenKeyStore(directory, alias, token.get())
        : new RaKeyStoreFile(keystoreFile(directory, alias), keystorePassword);
  }
}
