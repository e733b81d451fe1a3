package org.scepra.ra.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.transaction.ClaimRepository;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;

/**
 * Settles a transaction whose server died between claiming it and recording the backend's answer
 * (kill -9, power loss): such a claim stays IN_PROGRESS and every retransmission or poll would
 * answer PENDING forever. Once a claim has not been touched for {@value #TIMEOUT_KEY} seconds, the
 * next retransmission or poll takes it over (exactly one caller wins, on any node) and asks the
 * backend again; the backend's answer is recorded and replied as for a new request.
 *
 * <p>The timeout must exceed the longest backend call (EJBCA's connect and read timeouts), or a
 * slow but living issuance could be taken over: the CA would then be asked twice, and the first
 * answer recorded wins (a transaction still records, and replies, one certificate).
 */
@ApplicationScoped
public class AbandonedClaims {
  static final String TIMEOUT_KEY = "scepra.transaction.claim-timeout-seconds";
  static final long DEFAULT_TIMEOUT_SECONDS = 120;
  private static final Logger LOG = Logger.getLogger(AbandonedClaims.class.getName());

  private ClaimRepository claims;
  private TransactionRepository transactions;
  private Issuance issuance;
  private Duration timeout;
  private Clock clock;

  /** For the CDI proxy only. */
  protected AbandonedClaims() {}

  @Inject
  public AbandonedClaims(ClaimRepository claims, TransactionRepository transactions, Issuance issuance, Config config) {
    this(claims, transactions, issuance,
        Duration.ofSeconds(config.getOptionalValue(TIMEOUT_KEY, Long.class).orElse(DEFAULT_TIMEOUT_SECONDS)),
        Clock.systemUTC());
  }

  AbandonedClaims(ClaimRepository claims, TransactionRepository transactions, Issuance issuance, Duration timeout,
      Clock clock) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(TIMEOUT_KEY + " must be positive, not " + timeout.toSeconds());
    }
    this.claims = claims;
    this.transactions = transactions;
    this.issuance = issuance;
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * The transaction as it stands after taking over its claim if it was abandoned; {@code record}
   * itself when it is not an abandoned claim (settled, or a claim someone is working on).
   */
  public TransactionRecord resumeIfAbandoned(Endpoint endpoint, TransactionRecord record) {
    if (record.status() != TransactionStatus.IN_PROGRESS
        || !claims.reclaim(record.alias(), record.transactionId(), clock.instant().minus(timeout))) {
      return record;
    }
    LOG.warning(() -> "transaction " + record.transactionId() + " of endpoint " + record.alias()
        + " was claimed but never settled (its server stopped); asking the backend again");
    // If the CA is unavailable now, the claim stays (an approved request goes back to its operator
    // queue) and the client, answered PENDING, polls until a later attempt gets through.
    TransactionStatus retry = record.decidedBy() == null ? TransactionStatus.IN_PROGRESS
        : TransactionStatus.AWAITING_APPROVAL;
    issuance.issue(endpoint, record, retry);
    return transactions.find(record.alias(), record.transactionId()).orElse(record);
  }
}
