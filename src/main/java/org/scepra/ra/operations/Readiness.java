package org.scepra.ra.operations;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;

/**
 * What readiness means for scepra: every probe of every {@link ReadinessProbes} bean is UP (the database answers,
 * each endpoint serves and its backend is up, and whatever else is added). Answers within {@link #WAIT} whatever
 * the probes do: they run in the background on a bounded pool of the server's managed threads, their results are
 * kept for {@link #TTL}, and each answer reports every result with its age.
 */
@ApplicationScoped
public class Readiness {

  /** Results younger than this are served without probing again: probes and load balancers may ask often. */
  static final Duration TTL = Duration.ofSeconds(5);
  /** How long an answer waits for probes it started; load balancers give up after 1-10 s. */
  static final Duration WAIT = Duration.ofMillis(500);
  /** Probes running at once; the rest wait their turn (one run per probe at most, so the queue stays short). */
  static final int THREADS = 8;

  /** One named check. */
  public record Check(String name, boolean up, String detail) {}

  /**
   * A check as last observed.
   *
   * @param checkedAt when its result was taken; empty if the probe has not finished yet (the check is then DOWN)
   * @param checking whether the probe is running now
   */
  public record Observed(Check check, Optional<Instant> checkedAt, boolean checking) {}

  @Resource
  private ManagedThreadFactory threadFactory;

  private Instance<ReadinessProbes> sources;
  private TransactionRepository transactions;
  private ThreadPoolExecutor pool;
  private ProbeRunner runner;

  /** For the CDI proxy only. */
  protected Readiness() {}

  @Inject
  public Readiness(@Any Instance<ReadinessProbes> sources, TransactionRepository transactions) {
    this.sources = sources;
    this.transactions = transactions;
  }

  @PostConstruct
  void startPool() {
    pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        threadFactory);
    pool.allowCoreThreadTimeOut(true);
    runner = new ProbeRunner(pool, Clock.systemUTC(), TTL);
  }

  /** Probes once at start, so that the first answer has results. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    runner.observe(probes(), Duration.ZERO);
  }

  @PreDestroy
  void stopPool() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  public List<Observed> checks() {
    return runner.observe(probes(), WAIT).stream().map(Readiness::observed).toList();
  }

  /** Requests waiting for an operator or for the CA. */
  public long pending() {
    return transactions.countByStatus(TransactionStatus.AWAITING_APPROVAL)
        + transactions.countByStatus(TransactionStatus.PENDING_CA);
  }

  private List<ReadinessProbe> probes() {
    return sources.stream().sorted(Comparator.comparingInt(ReadinessProbes::order))
        .flatMap(source -> source.probes().stream()).toList();
  }

  private static Observed observed(ProbeRunner.Observation observation) {
    Check check = observation.outcome()
        .map(outcome -> new Check(observation.name(), outcome.up(), outcome.detail()))
        .orElseGet(() -> new Check(observation.name(), false, "no result yet: the first probe is still running"));
    return new Observed(check, observation.checkedAt(), observation.running());
  }
}
