package org.scepra.ra.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.scepra.protocol.CsrAttributes;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.PkiRequest;
import org.scepra.protocol.ScepFailureException;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.transaction.Fingerprints;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;

/**
 * PKCSReq: a retransmission replays what is recorded; a new transaction is authorized, claimed in
 * the database (so racing duplicates yield one certificate), then issued or left for an operator.
 */
@ApplicationScoped
public class Enrollment {
  static final String AUTH = "challenge";

  private TransactionRepository transactions;
  private Issuance issuance;
  private TransactionReplies replies;
  private ScepOutcomes outcomes;

  /** For the CDI proxy only. */
  protected Enrollment() {}

  @Inject
  public Enrollment(TransactionRepository transactions, Issuance issuance, TransactionReplies replies,
      ScepOutcomes outcomes) {
    this.transactions = transactions;
    this.issuance = issuance;
    this.replies = replies;
    this.outcomes = outcomes;
  }

  public byte[] enrol(Endpoint endpoint, PkiRequest request, PKCS10CertificationRequest csr) throws ScepFailureException {
    byte[] csrDer = encoded(csr);
    String subject = csr.getSubject().toString();
    Optional<TransactionRecord> existing = transactions.find(endpoint.alias(), request.transactionId().value());
    if (existing.isPresent()) {
      return replay(endpoint, request, existing.get(), csrDer);
    }
    if (!ChallengeVerifier.matches(endpoint.settings().challenge(), CsrAttributes.challengePassword(csr))) {
      return outcomes.failure(endpoint, request.header(), subject, AUTH, FailInfo.BAD_REQUEST,
          "the challenge password is missing or wrong");
    }
    boolean manual = endpoint.settings().manualApproval();
    TransactionRecord record = TransactionRecord.received(endpoint.alias(), request.transactionId().value(), csrDer,
        RequesterKeys.fingerprint(request.header()), subject, Profiles.generalPurpose(endpoint.settings()).name(),
        manual ? TransactionStatus.AWAITING_APPROVAL : TransactionStatus.IN_PROGRESS, Instant.now());
    if (!transactions.create(record)) {
      // Lost a race with an identical request on another thread or node: answer as a retransmission.
      return replay(endpoint, request, transactions.find(endpoint.alias(), record.transactionId()).orElseThrow(), csrDer);
    }
    if (manual) {
      return outcomes.pending(endpoint, request.header(), subject, AUTH + "+manual");
    }
    return replies.reply(endpoint, request, issuance.issue(endpoint, record, null), AUTH);
  }

  private byte[] replay(Endpoint endpoint, PkiRequest request, TransactionRecord record, byte[] csrDer)
      throws ScepFailureException {
    if (!record.csrFingerprint().equals(Fingerprints.sha256(csrDer))) {
      return outcomes.failure(endpoint, request.header(), record.subject(), "replay", FailInfo.BAD_REQUEST,
          "this transactionID was already used for a different request");
    }
    return replies.reply(endpoint, request, record, "replay");
  }

  private static byte[] encoded(PKCS10CertificationRequest csr) {
    try {
      return csr.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
