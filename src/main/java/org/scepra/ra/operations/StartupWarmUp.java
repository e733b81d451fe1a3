package org.scepra.ra.operations;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.scepra.protocol.DegenerateSignedData;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.PkiRequest;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.ra.transaction.TransactionRepository;

/**
 * Takes the first device's cold start on itself: right after deployment, in the background, each endpoint decodes and
 * answers a PKCSReq made up for the purpose (verify, RSA-decrypt, AES, CSR, sign, encrypt: the class loading and the
 * crypto providers' set-up of an enrollment) and GetCACert's answer is encoded. Nothing is issued or recorded.
 * Readiness stays DOWN until that is done, so a load balancer sends the first device to a warm server. Then, without
 * holding readiness (a database that is away may keep it waiting), the database answers a lookup.
 */
@ApplicationScoped
public class StartupWarmUp implements ReadinessProbes {
  private static final Logger LOG = Logger.getLogger(StartupWarmUp.class.getName());
  /** Rounds for the first endpoint: enough for the interpreter's first compilations, a fraction of a second. */
  static final int ROUNDS = 20;

  @Resource
  private ManagedExecutorService executor;

  private Endpoints endpoints;
  private TransactionRepository transactions;
  private volatile ReadinessProbe.Outcome state = ReadinessProbe.Outcome.down("warming up the enrollment path");

  /** For the CDI proxy only. */
  protected StartupWarmUp() {}

  @Inject
  public StartupWarmUp(Endpoints endpoints, TransactionRepository transactions) {
    this.endpoints = endpoints;
    this.transactions = transactions;
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    executor.execute(this::run);
  }

  /** UP once the warm-up ended, however it ended: a failed warm-up only leaves the first request slower. */
  @Override
  public List<ReadinessProbe> probes() {
    return List.of(ReadinessProbe.instant("warm-up", () -> state));
  }

  @Override
  public int order() {
    return 50;
  }

  void run() {
    try {
      List<Endpoint> all = List.copyOf(endpoints.all()); // waits for the endpoints (and their RA keys) to exist
      long start = System.nanoTime();
      WarmUpRequest.Requester requester = WarmUpRequest.requester();
      int rounds = ROUNDS;
      for (Endpoint endpoint : all) {
        if (endpoint.raEncryptionCertificate().isEmpty()) {
          continue; // not serving yet (its RA certificates are still being obtained): nothing to warm
        }
        warm(endpoint, requester, rounds);
        rounds = 1; // the code is warm now; the other endpoints' keys need one use each
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      state = ReadinessProbe.Outcome.up("enrollment path warmed in " + millis + " ms");
      LOG.info(() -> "scepra warmed its enrollment path in " + millis + " ms");
      lookUpNothing();
    } catch (Exception | LinkageError e) {
      state = ReadinessProbe.Outcome.up("skipped: " + e.getClass().getSimpleName());
      LOG.log(Level.WARNING, "scepra's start-up warm-up failed; the first request will be slower", e);
    }
  }

  private static void warm(Endpoint endpoint, WarmUpRequest.Requester requester, int rounds) throws Exception {
    WarmUpRequest request = WarmUpRequest.to(endpoint.raEncryptionCertificate().orElseThrow(), requester);
    byte[] degenerate = DegenerateSignedData.ofCertificates(List.of(request.requesterCertificate()));
    for (int i = 0; i < rounds; i++) {
      PkiRequest decoded = endpoint.decoder().decode(request.message());
      endpoint.encoder().success(decoded, degenerate);
      endpoint.encoder().failure(decoded.header(), FailInfo.BAD_REQUEST, "warm-up");
    }
    try {
      endpoint.caCertificatesMessage();
    } catch (RuntimeException e) {
      // the CA's chain may not be available yet (EJBCA down): readiness says so, not the warm-up
    }
  }

  /** The replay check's query for a transaction that cannot exist: read-only, and a database that is away is fine. */
  private void lookUpNothing() {
    try {
      transactions.find(endpoints.compatAlias(), "scepra-warm-up-" + UUID.randomUUID());
    } catch (RuntimeException e) {
      LOG.fine(() -> "warm-up: database not reachable yet: " + e);
    }
  }
}
