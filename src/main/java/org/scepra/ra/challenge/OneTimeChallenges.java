package org.scepra.ra.challenge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.scepra.ra.transaction.Fingerprints;

/**
 * Mints and consumes one-time challenges, like NDES's mscep_admin: 128 random bits, stored only as
 * a hash, expiring, single-use across nodes, capped per operator.
 */
@ApplicationScoped
public class OneTimeChallenges {
  public static final String MAX_OUTSTANDING = "scepra.one-time-challenge.max-outstanding-per-operator";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ChallengeRepository repository;
  private long maxOutstanding;

  /** For the CDI proxy only. */
  protected OneTimeChallenges() {}

  @Inject
  public OneTimeChallenges(ChallengeRepository repository, Config config) {
    this.repository = repository;
    this.maxOutstanding = config.getOptionalValue(MAX_OUTSTANDING, Long.class).orElse(100L);
  }

  /** A minted challenge: the secret is returned once and never stored. */
  public record Minted(String challenge, Instant expiresAt) {
    @Override
    public String toString() {
      return "Minted[expiresAt=" + expiresAt + "]";
    }
  }

  /** Empty when the operator already has the maximum number outstanding. */
  public Optional<Minted> mint(String alias, String operator, Duration validity, Optional<String> expectedSubject,
      Optional<String> expectedSan) {
    Instant now = Instant.now();
    if (repository.countOutstanding(operator, now) >= maxOutstanding) {
      return Optional.empty();
    }
    byte[] secret = new byte[16];
    RANDOM.nextBytes(secret);
    // 32 hex characters: fits MDMs that limit challenges to 32 characters (Jamf).
    String challenge = HexFormat.of().formatHex(secret);
    Instant expiresAt = now.plus(validity);
    repository.create(new OneTimeChallenge(hash(challenge), alias, operator, now, expiresAt, Optional.empty(),
        expectedSubject, expectedSan));
    return Optional.of(new Minted(challenge, expiresAt));
  }

  /** The stored challenge a presented one hashes to, if any (not yet consumed). */
  public Optional<OneTimeChallenge> lookup(String presented) {
    return repository.find(hash(presented));
  }

  public boolean consume(OneTimeChallenge challenge, String transactionId) {
    return repository.consume(challenge.hash(), challenge.alias(), Instant.now(), transactionId);
  }

  /** 128-bit random secrets need no slow hash: a plain SHA-256 cannot be reversed or guessed. */
  static String hash(String challenge) {
    return Fingerprints.sha256(challenge.getBytes(StandardCharsets.UTF_8));
  }
}
