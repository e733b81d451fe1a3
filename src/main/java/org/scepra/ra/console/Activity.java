package org.scepra.ra.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;

/** The latest transactions and their outcomes, from the database (the log may be elsewhere, or rotated). */
@ApplicationScoped
public class Activity {
  public static final int LIMIT = 100;

  private TransactionRepository transactions;

  /** For the CDI proxy only. */
  protected Activity() {}

  @Inject
  public Activity(TransactionRepository transactions) {
    this.transactions = transactions;
  }

  public List<TransactionRecord> latest() {
    return transactions.latest(LIMIT);
  }
}
