package org.scepra.ra.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.PkiRequest;
import org.scepra.protocol.ScepFailureException;
import org.scepra.ra.authz.Authorization;
import org.scepra.ra.authz.Decision;
import org.scepra.ra.authz.EnrollmentContext;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.transaction.Fingerprints;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;

/**
 * PKCSReq and RenewalReq: a retransmission replays what is recorded; a new transaction is
 * authorized, claimed in the database (so racing duplicates yield one certificate), then issued or
 * left for an operator.
 */
@ApplicationScoped
public class Enrollment {

  private TransactionRepository transactions;
  private Authorization authorization;
  private Issuance issuance;
  private TransactionReplies replies;
  private ScepOutcomes outcomes;
  private AbandonedClaims abandoned;

  /** For the CDI proxy only. */
  protected Enrollment() {}

  /** Made when the application starts (with the proxies it holds), not by the first device's request. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {}

  @Inject
  public Enrollment(TransactionRepository transactions, Authorization authorization, Issuance issuance,
      TransactionReplies replies, ScepOutcomes outcomes, AbandonedClaims abandoned) {
    this.transactions = transactions;
    this.authorization = authorization;
    this.issuance = issuance;
    this.replies = replies;
    this.outcomes = outcomes;
    this.abandoned = abandoned;
  }

  /** PKCSReq (19) or RenewalReq (17). */
  public byte[] enrol(Endpoint endpoint, PkiRequest request, PKCS10CertificationRequest csr, String clientAddress)
      throws ScepFailureException {
    byte[] csrDer = encoded(csr);
    String subject = csr.getSubject().toString();
    Optional<TransactionRecord> existing = transactions.find(endpoint.alias(), request.transactionId().value());
    if (existing.isPresent() && signedByItsOwnResult(existing.get(), request)) {
      // Clients that derive the transactionID from the key (micromdm, sscep) renew under the
      // transactionID that issued the certificate they now sign with. A retransmitting client
      // cannot hold that certificate yet, so this is a new request, not a replay.
      transactions.supersede(endpoint.alias(), request.transactionId().value(), existing.get().serialHex());
      existing = Optional.empty();
    }
    if (existing.isPresent()) {
      return replay(endpoint, request, existing.get(), csrDer);
    }
    EnrollmentContext context = new EnrollmentContext(endpoint, request, csr, clientAddress);
    Decision decision = authorization.authorize(context);
    if (decision instanceof Decision.Deny denied) {
      authorization.notifyOutcome(context, "FAILURE", denied.text());
      return outcomes.failure(endpoint, request.header(), subject, denied.mode(), denied.failInfo(), denied.text());
    }
    String mode = ((Decision.Allow) decision).mode();
    boolean manual = endpoint.settings().manualApproval();
    TransactionRecord record = TransactionRecord.received(endpoint.alias(), request.transactionId().value(), csrDer,
        RequesterKeys.fingerprint(request.header()), subject, Profiles.select(csr, endpoint.settings()).name(),
        manual ? TransactionStatus.AWAITING_APPROVAL : TransactionStatus.IN_PROGRESS, Instant.now(),
        clientAddress);
    if (!transactions.create(record)) {
      // Lost a race with an identical request on another thread or node: answer as a retransmission.
      return replay(endpoint, request, transactions.find(endpoint.alias(), record.transactionId()).orElseThrow(), csrDer);
    }
    if (manual) {
      return outcomes.pending(endpoint, request.header(), subject, mode + "+manual");
    }
    Issuance.Settled settled = issuance.settle(endpoint, record, null);
    TransactionRecord outcome = settled.record();
    authorization.notifyOutcome(context, outcome.status().name(),
        outcome.status() == TransactionStatus.ISSUED ? outcome.serialHex() : outcome.failText());
    return replies.reply(endpoint, request, settled, mode);
  }

  private static boolean signedByItsOwnResult(TransactionRecord record, PkiRequest request) {
    return record.status() == TransactionStatus.ISSUED && record.serialHex() != null
        && request.header().signerCertificate()
            .map(signer -> IssuedCertificate.serialHex(signer.getSerialNumber()).equals(record.serialHex()))
            .orElse(false);
  }

  private byte[] replay(Endpoint endpoint, PkiRequest request, TransactionRecord record, byte[] csrDer)
      throws ScepFailureException {
    if (!record.csrFingerprint().equals(Fingerprints.sha256(csrDer))) {
      return outcomes.failure(endpoint, request.header(), record.subject(), "replay", FailInfo.BAD_REQUEST,
          "this transactionID was already used for a different request");
    }
    return replies.reply(endpoint, request, abandoned.resumeIfAbandoned(endpoint, record), "replay");
  }

  private static byte[] encoded(PKCS10CertificationRequest csr) {
    try {
      return csr.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
