package org.scepra.backend.internalca;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.scepra.spi.CertificateRevoker.Outcome;
import org.scepra.spi.CertificateRevoker.Reason;

/**
 * Revokes the CA's certificates and serves its current CRL.
 *
 * <p>Revocations go to a {@link RevocationList}; the CRL is generated from it and cached until the
 * file changes (size, mtime or identity; or a revocation through this instance) or half of its
 * validity has passed. Reading the list and allocating the {@link CrlNumberFile CRL number} happen
 * under the file lock; signing happens after it is released. At most one thread of this instance
 * regenerates at a time, and threads served from the cache take no lock.
 */
final class CaRevocations {

  static final String REVOCATIONS_FILE = "revocations.csv";
  static final String CRL_NUMBER_FILE = "crl-number";

  private static final System.Logger LOG = System.getLogger(CaRevocations.class.getName());

  private final CaIdentity ca;
  private final RevocationList list;
  private final CrlNumberFile numbers;
  private final CrlGenerator generator;
  private final Duration validity;
  private final Clock clock;
  private final Object regenerating = new Object();

  /** Bumped after each revocation through this instance; a cached CRL from before is stale. */
  private final AtomicLong revocations = new AtomicLong();

  private volatile Cached cached;

  private record Cached(
      X509CRL crl, RevocationList.Stamp stamp, long revocations, Instant refreshAt) {}

  /**
   * @param dir where {@value #REVOCATIONS_FILE}, its lock and {@value #CRL_NUMBER_FILE} live
   * @param validity the time from a CRL's thisUpdate to its nextUpdate
   */
  CaRevocations(
      CaIdentity ca, String signatureAlgorithm, Path dir, Duration validity, Clock clock) {
    this.ca = Objects.requireNonNull(ca, "ca");
    this.list = new RevocationList(dir.resolve(REVOCATIONS_FILE));
    this.numbers = new CrlNumberFile(dir.resolve(CRL_NUMBER_FILE));
    this.generator = new CrlGenerator(ca, signatureAlgorithm);
    this.validity = Objects.requireNonNull(validity, "validity");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("the CRL validity must be positive");
    }
  }

  /** Lists {@code certificate} as revoked, if this CA issued it. Never throws for I/O errors. */
  Outcome revoke(X509Certificate certificate, Reason reason) {
    if (!issuedByThisCa(certificate)) {
      return Outcome.UNKNOWN_CERTIFICATE;
    }
    BigInteger serial = certificate.getSerialNumber();
    Revocation entry =
        new Revocation(serial, clock.instant(), reason == null ? Reason.UNSPECIFIED : reason);
    try (FileMutex lock = list.lock()) {
      if (!list.add(entry)) {
        return Outcome.ALREADY_REVOKED;
      }
      revocations.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "internal CA could not record the revocation of serial " + serial.toString(16),
          e);
      return Outcome.FAILED;
    }
    LOG.log(
        Level.INFO,
        "internal CA revoked serial {0} (reason {1})",
        serial.toString(16),
        entry.reason());
    return Outcome.REVOKED;
  }

  /**
   * The current CRL, from the cache while it is fresh.
   *
   * @throws IOException if the revocation or CRL number file cannot be read or written
   * @throws InternalCaException if signing fails
   */
  X509CRL currentCrl() throws IOException, InternalCaException {
    Cached current = cached;
    if (isFresh(current)) {
      return current.crl();
    }
    synchronized (regenerating) {
      current = cached;
      if (isFresh(current)) {
        return current.crl(); // another thread just regenerated it
      }
      long revocationsSeen = revocations.get();
      RevocationList.Snapshot snapshot;
      Instant thisUpdate;
      BigInteger number;
      try (FileMutex lock = list.lock()) {
        snapshot = list.read();
        thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        number = numbers.next(thisUpdate);
      }
      X509CRL crl =
          generator.generate(snapshot.entries(), number, thisUpdate, thisUpdate.plus(validity));
      cached =
          new Cached(
              crl, snapshot.stamp(), revocationsSeen, thisUpdate.plus(validity.dividedBy(2)));
      return crl;
    }
  }

  private boolean isFresh(Cached entry) throws IOException {
    return entry != null
        && entry.revocations() == revocations.get()
        && clock.instant().isBefore(entry.refreshAt())
        && entry.stamp().equals(list.stamp());
  }

  /**
   * Issued by this CA: issuer DN is the CA's subject and the signature verifies with the CA's key.
   * The CA's own certificate is not one of them: a CRL cannot revoke its own issuer.
   */
  private boolean issuedByThisCa(X509Certificate certificate) {
    X509Certificate caCertificate = ca.certificate();
    if (certificate == null
        || !certificate.getIssuerX500Principal().equals(caCertificate.getSubjectX500Principal())
        || certificate.getSerialNumber().equals(caCertificate.getSerialNumber())) {
      return false;
    }
    try {
      certificate.verify(caCertificate.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
