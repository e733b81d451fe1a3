package org.scepra.backend.filedrop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/**
 * One endpoint's queue. Never waits for the CA: every call looks at the folders once and answers at
 * once. Logs name requests by their id only, never by requester text.
 */
final class FileDropQueue {

  static final String UNAVAILABLE = "the certificate queue is unavailable";
  static final String MISMATCH = "the CA's certificate did not match the request";

  /**
   * Answers that would fail (a rejection, a certificate that does not check out) are judged only
   * once their file has been left alone this long, so that one the CA is still writing is not
   * refused early. A valid certificate is complete by definition and used at once.
   */
  static final Duration SETTLE_TIME = Duration.ofSeconds(5);

  private static final System.Logger LOG = System.getLogger(FileDropQueue.class.getName());

  private final FileDropSettings settings;
  private final Outbox outbox;
  private final Inbox inbox;
  private final CaCertificates ca;
  private final Clock clock;

  FileDropQueue(FileDropSettings settings, Clock clock) {
    this.settings = settings;
    this.outbox = new Outbox(settings.folders().outbox().path());
    this.inbox = new Inbox(settings.folders().inbox().path());
    this.ca = new CaCertificates(settings.caCertificate());
    this.clock = clock;
  }

  /** Writes the request into the outbox and answers PENDING, or refuses at once if it cannot. */
  IssueResult submit(IssueRequest request) {
    if (unusable()) {
      return unavailable();
    }
    String id = RequestId.of(request.endpointAlias(), request.transactionId());
    try {
      outbox.queue(id, request, validityDays(request), clock.instant());
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.ERROR, log("cannot queue request " + id), e);
      return unavailable();
    }
    LOG.log(Level.INFO, () -> log("request " + id + " queued for the CA"));
    return new IssueResult.Pending(id);
  }

  /** The CA's answer, PENDING while there is none; CA_UNAVAILABLE keeps the request pending. */
  IssueResult answer(IssueRequest request, String id) {
    if (!RequestId.isValid(id)) {
      LOG.log(Level.ERROR, () -> log("the RA polled with a reference that is not a file-drop id"));
      return unavailable();
    }
    if (unusable()) {
      return unavailable();
    }
    try {
      Optional<Inbox.Answer> answer = inbox.read(id);
      if (answer.isEmpty()) {
        return quarantined(id) ? mismatch() : new IssueResult.Pending(id);
      }
      if (answer.get() instanceof Inbox.Refusal refusal) {
        return settling(refusal.modified())
            ? new IssueResult.Pending(id)
            : new IssueResult.Rejected(IssueResult.Reason.BAD_REQUEST, refusal.reason());
      }
      return certificate(request, id, (Inbox.Certificate) answer.get());
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.ERROR, log("cannot read the answer to request " + id), e);
      return unavailable();
    }
  }

  private IssueResult certificate(IssueRequest request, String id, Inbox.Certificate answer)
      throws IOException {
    List<X509Certificate> chain = ca.chain();
    AnswerCheck.Verdict verdict =
        answer.oversized()
            ? new AnswerCheck.Mismatch(
                "it is larger than " + Inbox.MAX_CERTIFICATE_BYTES + " bytes")
            : AnswerCheck.check(answer.content(), request.csr(), chain.get(0), clock.instant());
    if (verdict instanceof AnswerCheck.Valid valid) {
      return new IssueResult.Issued(valid.leaf(), chain);
    }
    if (settling(answer.modified())) {
      return new IssueResult.Pending(id);
    }
    // Kept (never deleted) for the CA's operators; moved now so that settling cannot archive it.
    Optional<Path> kept = AtomicFiles.moveInto(answer.file(), quarantine());
    String problem = ((AnswerCheck.Mismatch) verdict).problem();
    String where = kept.map(Path::toString).orElse("quarantine by another node");
    LOG.log(
        Level.WARNING, () -> log("answer " + id + " refused: " + problem + "; moved to " + where));
    return mismatch();
  }

  /**
   * Archives the request and its answer once the RA has recorded the result, so a crash before that
   * finds the answer again. Files another node already moved are skipped.
   */
  void settle(String id) {
    if (!RequestId.isValid(id)) {
      return;
    }
    Path archive = settings.folders().archive().path();
    for (Path file :
        List.of(
            inbox.certificateFile(id),
            inbox.rejectionFile(id),
            outbox.csrFile(id),
            outbox.jsonFile(id))) {
      try {
        AtomicFiles.moveInto(file, archive);
      } catch (IOException e) {
        LOG.log(Level.WARNING, log("cannot archive " + file), e);
      }
    }
  }

  List<X509Certificate> caChain() {
    return ca.chain();
  }

  BackendHealth health() {
    return QueueHealth.of(settings.folders(), ca, clock.instant());
  }

  /** An answer refused earlier whose rejection the RA did not get to record (it crashed). */
  private boolean quarantined(String id) {
    return Files.exists(quarantine().resolve(id + Inbox.CERTIFICATE));
  }

  private boolean settling(FileTime modified) {
    return Duration.between(modified.toInstant(), clock.instant()).compareTo(SETTLE_TIME) < 0;
  }

  private boolean unusable() {
    Optional<String> problem = settings.folders().problem();
    problem.ifPresent(p -> LOG.log(Level.WARNING, () -> log(p)));
    return problem.isPresent();
  }

  private int validityDays(IssueRequest request) {
    long seconds = request.profile().validity().toSeconds();
    return settings
        .validityDays()
        .orElse((int) Math.min(Integer.MAX_VALUE, (seconds + 86_399) / 86_400));
  }

  private Path quarantine() {
    return settings.folders().quarantine().path();
  }

  private String log(String message) {
    return "file-drop endpoint '" + settings.alias() + "': " + message;
  }

  private static IssueResult unavailable() {
    return new IssueResult.Rejected(IssueResult.Reason.CA_UNAVAILABLE, UNAVAILABLE);
  }

  private static IssueResult mismatch() {
    return new IssueResult.Rejected(IssueResult.Reason.BAD_REQUEST, MISMATCH);
  }
}
