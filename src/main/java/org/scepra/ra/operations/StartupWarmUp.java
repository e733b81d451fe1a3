package org.scepra.ra.operations;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.scepra.protocol.DegenerateSignedData;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.PkiMessage;
import org.scepra.protocol.PkiRequest;
import org.scepra.ra.authz.Lockout;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.ra.enroll.Profiles;
import org.scepra.ra.transaction.Fingerprints;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.IssueRequest;

/**
 * Takes the first device's cold start on itself. In the background, as soon as an endpoint serves (at once when its
 * RA keys exist; after its RA certificates are obtained on a first start), it rehearses an enrollment with a PKCSReq
 * made up for the purpose: decode and answer it in memory (verify, RSA-decrypt, AES, CSR, sign, encrypt), the
 * look-ups a request starts with, the backend's issuance without a certificate ({@code CaBackend#rehearseIssue}),
 * and the database writes in a transaction that is rolled back. Nothing is issued, recorded, audited or counted.
 * Readiness stays DOWN while a serving endpoint is not warmed yet, so a load balancer sends the first device to a
 * warm server.
 */
@ApplicationScoped
public class StartupWarmUp implements ReadinessProbes {
  private static final Logger LOG = Logger.getLogger(StartupWarmUp.class.getName());
  /** Rounds for the first endpoint: enough for the interpreter's first compilations, a fraction of a second. */
  static final int ROUNDS = 20;
  /** How long endpoints that do not serve yet (a CA that is down) are waited for; they start cold after that. */
  static final Duration WAIT_FOR_ENDPOINTS = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(100);

  @Resource
  private ManagedExecutorService executor;

  private Endpoints endpoints;
  private TransactionRepository transactions;
  private Lockout lockout;
  /** Aliases whose endpoint was warmed (or whose warm-up failed: that only leaves its first request slower). */
  private final Set<String> warmed = ConcurrentHashMap.newKeySet();
  private volatile boolean waiting = true;
  private volatile boolean stopped;

  /** For the CDI proxy only. */
  protected StartupWarmUp() {}

  @Inject
  public StartupWarmUp(Endpoints endpoints, TransactionRepository transactions, Lockout lockout) {
    this.endpoints = endpoints;
    this.transactions = transactions;
    this.lockout = lockout;
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    executor.execute(this::run);
  }

  @PreDestroy
  void stop() {
    stopped = true;
  }

  /** DOWN while an endpoint serves but is not warmed yet; an endpoint that does not serve has its own DOWN check. */
  @Override
  public List<ReadinessProbe> probes() {
    return List.of(ReadinessProbe.instant("warm-up", this::outcome));
  }

  @Override
  public int order() {
    return 50;
  }

  ReadinessProbe.Outcome outcome() {
    if (waiting) {
      for (Endpoint endpoint : endpoints.all()) {
        if (!warmed.contains(endpoint.alias()) && endpoint.raEncryptionCertificate().isPresent()) {
          return ReadinessProbe.Outcome.down("warming up endpoint '" + endpoint.alias() + "'");
        }
      }
      if (warmed.isEmpty()) {
        return ReadinessProbe.Outcome.down("warming up the enrollment path");
      }
    }
    return ReadinessProbe.Outcome.up(warmed.size() + " endpoint(s) warmed");
  }

  void run() {
    try {
      List<Endpoint> all = List.copyOf(endpoints.all()); // waits for the endpoints (and their RA keys) to exist
      WarmUpRequest.Requester requester = WarmUpRequest.requester();
      Instant deadline = Instant.now().plus(WAIT_FOR_ENDPOINTS);
      while (!stopped && warmed.size() < all.size() && Instant.now().isBefore(deadline)) {
        for (Endpoint endpoint : all) {
          if (stopped) {
            return; // undeployed: the endpoints' beans are gone
          }
          if (!warmed.contains(endpoint.alias()) && endpoint.raEncryptionCertificate().isPresent()) {
            // the first endpoint warms the code; the others' keys, backends and so on need one round each
            warm(endpoint, requester, warmed.isEmpty() ? ROUNDS : 1);
            warmed.add(endpoint.alias());
          }
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError e) {
      LOG.log(Level.WARNING, "scepra's start-up warm-up failed; the first request will be slower", e);
    } finally {
      waiting = false;
    }
  }

  private void warm(Endpoint endpoint, WarmUpRequest.Requester requester, int rounds) {
    long start = System.nanoTime();
    try {
      WarmUpRequest request = WarmUpRequest.to(endpoint.raEncryptionCertificate().orElseThrow(), requester);
      PkiRequest decoded = answerInMemory(endpoint, request, rounds);
      for (int i = 0; i < rounds && !stopped; i++) {
        rehearseEnrollment(endpoint, decoded, request);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (!stopped) {
        LOG.info(() -> "scepra warmed endpoint '" + endpoint.alias() + "' in " + millis + " ms");
      }
    } catch (Exception | LinkageError e) {
      if (!stopped) { // an application that is stopping fails whatever it is asked
        LOG.log(Level.WARNING, "scepra's start-up warm-up of endpoint '" + endpoint.alias()
            + "' failed; its first request will be slower", e);
      }
    }
  }

  private PkiRequest answerInMemory(Endpoint endpoint, WarmUpRequest request, int rounds) throws Exception {
    byte[] degenerate = DegenerateSignedData.ofCertificates(List.of(request.requesterCertificate()));
    PkiRequest decoded = null;
    for (int i = 0; i < rounds && (i == 0 || !stopped); i++) {
      decoded = endpoint.decoder().decode(request.message());
      endpoint.encoder().success(decoded, degenerate);
      endpoint.encoder().failure(decoded.header(), FailInfo.BAD_REQUEST, "warm-up");
    }
    try {
      endpoint.caCertificatesMessage();
    } catch (RuntimeException e) {
      // the CA's chain may not be available yet (EJBCA down): readiness says so, not the warm-up
    }
    return decoded;
  }

  /**
   * What an enrollment does after decoding, without its effects: the look-ups, the backend's rehearsal, the writes
   * rolled back, and the settling update, which finds no row. A database or CA that is away is not the warm-up's
   * concern (readiness says so): the step is skipped.
   */
  private void rehearseEnrollment(Endpoint endpoint, PkiRequest decoded, WarmUpRequest request) throws IOException {
    String alias = endpoint.alias();
    String transactionId = "scepra-warm-up-" + UUID.randomUUID();
    PKCS10CertificationRequest csr = ((PkiMessage.PkcsReq) decoded.message()).csr();
    CertificateProfile profile = Profiles.select(csr, endpoint.settings());
    Instant now = Instant.now();
    step("look-ups", alias, () -> {
      lockout.isLocked(now, transactionId);
      transactions.find(alias, transactionId);
    });
    step("backend rehearsal", alias,
        () -> endpoint.backend().rehearseIssue(new IssueRequest(alias, transactionId, csr, profile)));
    TransactionRecord record = TransactionRecord.received(alias, transactionId, csr.getEncoded(),
        Fingerprints.sha256(request.requesterCertificate().getPublicKey().getEncoded()), csr.getSubject().toString(),
        profile.name(), TransactionStatus.IN_PROGRESS, now, "127.0.0.1");
    IssuedCertificate certificate = IssuedCertificate.of(alias, transactionId, request.requesterCertificate());
    step("database writes", alias, () -> {
      transactions.rehearseWrites(record, certificate);
      if (transactions.markIssued(alias, transactionId, certificate)) {
        LOG.severe(() -> "the warm-up's rolled-back transaction was found recorded: " + alias + "/" + transactionId);
      }
    });
  }

  /** One step, unless the application is stopping; what it throws is said once and otherwise ignored. */
  private void step(String name, String alias, Runnable step) {
    if (stopped) {
      return;
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      if (!stopped) {
        LOG.info(() -> "warm-up of endpoint '" + alias + "': " + name + " skipped: " + e);
      }
    }
  }
}
