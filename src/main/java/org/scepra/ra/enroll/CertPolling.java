package org.scepra.ra.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.PkiRequest;
import org.scepra.protocol.ScepFailureException;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;

/**
 * CertPoll (GetCertInitial): keyed on transactionID and the requester's key, as RFC 8894 §3.3.3
 * advises; the IssuerAndSubject payload is not trusted for identification.
 */
@ApplicationScoped
public class CertPolling {
  private static final String AUTH = "poll";

  private TransactionRepository transactions;
  private Issuance issuance;
  private TransactionReplies replies;
  private ScepOutcomes outcomes;
  private AbandonedClaims abandoned;

  /** For the CDI proxy only. */
  protected CertPolling() {}

  @Inject
  public CertPolling(TransactionRepository transactions, Issuance issuance, TransactionReplies replies,
      ScepOutcomes outcomes, AbandonedClaims abandoned) {
    this.transactions = transactions;
    this.issuance = issuance;
    this.replies = replies;
    this.outcomes = outcomes;
    this.abandoned = abandoned;
  }

  public byte[] poll(Endpoint endpoint, PkiRequest request) throws ScepFailureException {
    Optional<TransactionRecord> found = transactions.find(endpoint.alias(), request.transactionId().value())
        .filter(record -> record.requesterKeyFingerprint() == null
            || record.requesterKeyFingerprint().equals(RequesterKeys.fingerprint(request.header())));
    if (found.isEmpty()) {
      // RFC 8894 §3.3.3: a poll without a matching request MUST be rejected.
      return outcomes.failure(endpoint, request.header(), null, AUTH, FailInfo.BAD_REQUEST,
          "no transaction with this transactionID for this requester");
    }
    TransactionRecord record = found.get();
    if (record.status() == TransactionStatus.PENDING_CA) {
      record = issuance.poll(endpoint, record);
    } else if (record.status() == TransactionStatus.IN_PROGRESS) {
      record = abandoned.resumeIfAbandoned(endpoint, record);
    }
    return replies.reply(endpoint, request, record, AUTH);
  }
}
