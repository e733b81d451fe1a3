package org.scepra.ra.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.ra.intune.IntuneReadiness;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;
import org.scepra.spi.BackendHealth;

/**
 * What readiness means for scepra: the database answers, every endpoint's backend is up, and the start-up warm-up
 * has ended.
 */
@ApplicationScoped
public class Readiness {

  /** One named check. */
  public record Check(String name, boolean up, String detail) {}

  private Endpoints endpoints;
  private TransactionRepository transactions;
  private IntuneReadiness intune;
  private StartupWarmUp warmUp;

  /** For the CDI proxy only. */
  protected Readiness() {}

  @Inject
  public Readiness(Endpoints endpoints, TransactionRepository transactions, IntuneReadiness intune,
      StartupWarmUp warmUp) {
    this.endpoints = endpoints;
    this.transactions = transactions;
    this.intune = intune;
    this.warmUp = warmUp;
  }

  public List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    checks.add(database());
    for (Endpoint endpoint : endpoints.all()) {
      BackendHealth health;
      try {
        health = endpoint.backend().health(endpoint.alias());
      } catch (RuntimeException e) {
        health = BackendHealth.down("health probe failed: " + e.getClass().getSimpleName());
      }
      checks.add(new Check("backend:" + endpoint.alias() + ":" + endpoint.settings().backend(), health.up(),
          health.detail()));
    }
    for (IntuneReadiness.Status status : intune.statuses()) {
      checks.add(new Check("intune:" + status.alias(), status.up(), status.detail()));
    }
    checks.add(warmUp.check());
    return checks;
  }

  /** Requests waiting for an operator or for the CA. */
  public long pending() {
    return transactions.countByStatus(TransactionStatus.AWAITING_APPROVAL)
        + transactions.countByStatus(TransactionStatus.PENDING_CA);
  }

  private Check database() {
    try {
      transactions.countByStatus(TransactionStatus.AWAITING_APPROVAL);
      return new Check("database", true, "reachable");
    } catch (RuntimeException e) {
      return new Check("database", false, "unreachable: " + e.getClass().getSimpleName());
    }
  }
}
