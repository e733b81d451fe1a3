package org.scepra.backend.internalca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.scepra.spi.CaRollover;

/**
 * Creates the internal CA's next generation: a new key and self-signed certificate, and the two
 * link certificates (the new key certified by the current one, the current key by the new one)
 * with which devices that trust either root can chain certificates of the other.
 */
final class Rollover {

  /** Without an activation time, devices get this long to learn the next CA. */
  static final Duration DEFAULT_LEAD = Duration.ofDays(30);

  /** An activation time this little in the past means "now" (clocks and round trips differ). */
  static final Duration GRACE = Duration.ofMinutes(1);

  static final int MAX_KEY_SIZE = 16384;

  /** Why a rollover is not done. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient CaRollover.Refused refused;

    Refusal(CaRollover.Reason reason, String message) {
      super(message);
      this.refused = new CaRollover.Refused(reason, message);
    }

    CaRollover.Refused refused() {
      return refused;
    }
  }

  private final GenerationFiles files;
  private final CaSettings settings;
  private final Clock clock;
  private final java.util.Optional<TokenCaKeys> token;
  private final SecureRandom random = new SecureRandom();

  Rollover(GenerationFiles files, CaSettings settings, Clock clock) {
    this(files, settings, clock, java.util.Optional.empty());
  }

  /** @param token where the next key is generated when the CA's keys are in a PKCS#11 token */
  Rollover(GenerationFiles files, CaSettings settings, Clock clock, java.util.Optional<TokenCaKeys> token) {
    this.files = files;
    this.settings = settings;
    this.clock = clock;
    this.token = token;
  }

  /** Writes the next generation; the caller holds the CA's lock and has just loaded {@code ca}. */
  CaGeneration create(CaGenerations ca, CaRollover.Request request)
      throws Refusal, IOException, InternalCaException {
    Instant now = clock.instant();
    if (ca.next(now).isPresent()) {
      throw new Refusal(
          CaRollover.Reason.CONFLICT,
          "a rollover is already scheduled for "
              + ca.next(now).get().generation().activateAt()
              + "; it must take over before the next one");
    }
    CaGeneration current = ca.issuing(now).generation();
    Instant activateAt = activateAt(request, current, now);
    int keySize = request.keySize().orElse(settings.keySize());
    if (keySize < CaSettings.MIN_KEY_SIZE || keySize > MAX_KEY_SIZE) {
      throw new Refusal(
          CaRollover.Reason.INVALID,
          "keySize must be from " + CaSettings.MIN_KEY_SIZE + " to " + MAX_KEY_SIZE + " bits");
    }
    int number = ca.newest().generation().number() + 1;
    try {
      KeyPair keys = token.isPresent() ? token.get().generate(keySize)
          : CaCertificateFactory.generate(keySize, random);
      X500Name name = GenerationNames.of(name(ca.all().get(0).certificate()), number);
      Instant notBefore = now.minus(settings.backdate()).truncatedTo(ChronoUnit.SECONDS);
      Instant notAfter = notBefore.plus(Duration.ofDays(settings.validityDays()));
      String algorithm = settings.signatureAlgorithm();
      X509Certificate root =
          CaCertificateFactory.certify(
              name,
              keys.getPublic(),
              name,
              null,
              token.isPresent() ? token.get().signer(algorithm, keys.getPrivate())
                  : new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()),
              notBefore,
              notAfter,
              random);
      CaIdentity next = token.isPresent() ? new CaIdentity(keys.getPrivate(), root, token.get().providers())
          : new CaIdentity(keys.getPrivate(), root);
      return files.write(number, next, activateAt, links(current, next, notBefore, notAfter));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new InternalCaException("cannot create the next CA: " + e.getMessage(), e);
    }
  }

  /** New key certified by the current one, then the current key by the new one (while valid). */
  private List<X509Certificate> links(
      CaGeneration current, CaIdentity next, Instant notBefore, Instant nextNotAfter)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant currentNotAfter = current.certificate().getNotAfter().toInstant();
    if (!currentNotAfter.isAfter(notBefore)) {
      return List.of(); // an expired CA can no longer vouch for anything
    }
    X500Name currentName = name(current.certificate());
    X500Name nextName = name(next.certificate());
    String algorithm = settings.signatureAlgorithm();
    X509Certificate nextByCurrent =
        CaCertificateFactory.certify(
            nextName,
            next.certificate().getPublicKey(),
            currentName,
            AuthorityKeyIds.of(new JcaX509CertificateHolder(current.certificate())),
            current.identity().signer(algorithm),
            notBefore,
            nextNotAfter.isBefore(currentNotAfter) ? nextNotAfter : currentNotAfter,
            random);
    X509Certificate currentByNext =
        CaCertificateFactory.certify(
            currentName,
            current.certificate().getPublicKey(),
            nextName,
            AuthorityKeyIds.of(new JcaX509CertificateHolder(next.certificate())),
            next.signer(algorithm),
            notBefore,
            currentNotAfter,
            random);
    return List.of(nextByCurrent, currentByNext);
  }

  private static X500Name name(X509Certificate certificate) {
    return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
  }

  private Instant activateAt(CaRollover.Request request, CaGeneration current, Instant now)
      throws Refusal {
    Instant currentNotAfter = current.certificate().getNotAfter().toInstant();
    // By default devices get DEFAULT_LEAD to learn the next CA, but never beyond the current CA's
    // end; an expired CA is replaced at once.
    Instant fallback = now.plus(DEFAULT_LEAD);
    if (fallback.isAfter(currentNotAfter)) {
      fallback = currentNotAfter.isAfter(now) ? currentNotAfter : now;
    }
    Instant activateAt = request.activateAt().orElse(fallback).truncatedTo(ChronoUnit.SECONDS);
    if (activateAt.isBefore(now.minus(GRACE))) {
      throw new Refusal(CaRollover.Reason.INVALID, "activateAt " + activateAt + " is in the past");
    }
    if (activateAt.isAfter(currentNotAfter) && currentNotAfter.isAfter(now)) {
      throw new Refusal(
          CaRollover.Reason.INVALID,
          "activateAt must not be after the current CA expires (" + currentNotAfter + ")");
    }
    return activateAt.isBefore(now) ? now.truncatedTo(ChronoUnit.SECONDS) : activateAt;
  }
}
