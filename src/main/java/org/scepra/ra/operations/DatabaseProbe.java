package org.scepra.ra.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.scepra.ra.operations.ReadinessProbe.Outcome;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;

/** Readiness: the database answers a query by index. */
@ApplicationScoped
public class DatabaseProbe implements ReadinessProbes {

  private TransactionRepository transactions;

  /** For the CDI proxy only. */
  protected DatabaseProbe() {}

  @Inject
  public DatabaseProbe(TransactionRepository transactions) {
    this.transactions = transactions;
  }

  @Override
  public List<ReadinessProbe> probes() {
    return List.of(ReadinessProbe.of("database", this::probe));
  }

  @Override
  public int order() {
    return 0;
  }

  private Outcome probe() {
    try {
      transactions.countByStatus(TransactionStatus.AWAITING_APPROVAL);
      return Outcome.up("reachable");
    } catch (RuntimeException e) {
      return Outcome.down("unreachable: " + e.getClass().getSimpleName());
    }
  }
}
