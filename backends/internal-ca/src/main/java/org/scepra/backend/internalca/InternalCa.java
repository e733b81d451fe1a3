package org.scepra.backend.internalca;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.scepra.spi.CaRollover;
import org.scepra.spi.CryptoProviders;

/**
 * One internal CA (one keystore and the generations next to it), loaded on first use. A failed load
 * is retried at most every {@link #RETRY_NANOS}; a loaded CA looks for generations added by another
 * node at most every {@link #REFRESH_NANOS}, so a rollover made on one node is seen by all.
 */
final class InternalCa {

  private static final System.Logger LOG = System.getLogger(InternalCa.class.getName());
  static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);
  static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);
  static final String ROLLOVER_LOCK = "rollover.lock";

  private final InternalCaConfig config;
  private final Clock clock;
  private final GenerationFiles files;
  private final long refreshNanos;
  private final CryptoProviders providers;
  private final java.util.Optional<TokenCaKeys> token;
  private final Object lock = new Object();
  private volatile Loaded loaded;
  private volatile Failure failure;

  private record Loaded(CaGenerations generations, long checkedAtNanos) {}

  private record Failure(String message, long atNanos) {}

  InternalCa(InternalCaConfig config, Clock clock, long refreshNanos, CryptoProviders providers) {
    this(config, clock, refreshNanos, providers, java.util.Optional.empty());
  }

  /** @param token the PKCS#11 token, when {@code scepra.internal-ca.keys=pkcs11} */
  InternalCa(InternalCaConfig config, Clock clock, long refreshNanos, CryptoProviders providers,
      java.util.Optional<org.scepra.spi.KeyToken> token) {
    this.config = config;
    this.clock = clock;
    this.refreshNanos = refreshNanos;
    this.providers = providers;
    this.token = token.map(t -> TokenCaKeys.of(t, config.caDirectory()));
    this.files = new GenerationFiles(config.caDirectory(), config.password(), config.settings(), this.token);
  }

  /** The generations as last seen on disk. */
  CaGenerations generations() throws InternalCaException {
    Loaded current = loaded;
    if (current != null && System.nanoTime() - current.checkedAtNanos() < refreshNanos) {
      return current.generations();
    }
    synchronized (lock) {
      current = loaded;
      if (current != null) {
        return System.nanoTime() - current.checkedAtNanos() < refreshNanos
            ? current.generations()
            : refresh(current);
      }
      Failure last = failure;
      if (last != null && System.nanoTime() - last.atNanos() < RETRY_NANOS) {
        throw new InternalCaException(last.message());
      }
      try {
        CaGenerations generations = load();
        loaded = new Loaded(generations, System.nanoTime());
        failure = null;
        LOG.log(
            Level.INFO,
            "internal CA {0} ready, keystore {1}, generation(s) {2}",
            generations.newest().certificate().getSubjectX500Principal().getName(),
            config.keystore(),
            generations.numbers());
        return generations;
      } catch (InternalCaException | RuntimeException e) {
        String message = "internal CA unavailable: " + e.getMessage();
        failure = new Failure(message, System.nanoTime());
        LOG.log(Level.ERROR, message, e);
        throw new InternalCaException(message, e);
      }
    }
  }

  /** Creates the next generation under a lock that every node shares, then serves it. */
  CaGeneration rollover(CaRollover.Request request)
      throws Rollover.Refusal, InternalCaException, IOException {
    generations(); // loads (or creates) the first generation
    synchronized (lock) {
      try (FileMutex mutex = FileMutex.acquire(config.caDirectory().resolve(ROLLOVER_LOCK))) {
        CaGenerations fresh = load(); // another node may have rolled over a moment ago
        CaGeneration next = new Rollover(files, config.settings(), clock, token).create(fresh, request);
        loaded = new Loaded(load(), System.nanoTime());
        return next;
      }
    }
  }

  private CaGenerations refresh(Loaded current) {
    try {
      List<Integer> known = current.generations().numbers();
      if (!files.numbers().equals(known.subList(1, known.size()))) {
        CaGenerations reloaded = load();
        loaded = new Loaded(reloaded, System.nanoTime());
        LOG.log(
            Level.INFO,
            "internal CA {0}: generation(s) now {1}",
            config.keystore(),
            reloaded.numbers());
        return reloaded;
      }
    } catch (IOException | InternalCaException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "internal CA " + config.keystore() + ": cannot look for new generations",
          e);
    }
    loaded = new Loaded(current.generations(), System.nanoTime());
    return current.generations();
  }

  /**
   * The identity signing through {@code scepra.crypto.provider}'s choice; a token's key keeps the token's provider,
   * the only one that can use it.
   */
  private CaIdentity signing(CaIdentity identity) {
    return token.isPresent() ? identity : identity.using(providers);
  }

  private CaGenerations load() throws InternalCaException {
    CaKeyStore store = new CaKeyStore(config.keystore(), config.settings(), Clock.systemUTC(),
        token.map(t -> t.entry(1)));
    List<CaGeneration> generations = new ArrayList<>();
    generations.add(
        new CaGeneration(
            1, signing(store.createOrLoad(config.password())), Instant.EPOCH, List.of(),
            config.caDirectory()));
    try {
      for (int number : files.numbers()) {
        CaGeneration loaded = files.load(number);
        generations.add(new CaGeneration(loaded.number(), signing(loaded.identity()), loaded.activateAt(),
            loaded.links(), loaded.directory()));
      }
    } catch (IOException e) {
      throw new InternalCaException(
          "cannot list the CA generations in " + config.caDirectory() + ": " + e.getMessage(), e);
    }
    return new CaGenerations(generations, config, clock);
  }
}
