package org.scepra.ra;

/** Whether a failure came from the database (away, timed out), however the JPA provider and JTA wrapped it. */
public final class DatabaseFaults {

  private DatabaseFaults() {}

  /** A JDBC failure anywhere in the chain: JPA providers and the transaction manager wrap it differently. */
  public static boolean isDatabaseFault(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLException) {
        return true;
      }
    }
    return false;
  }
}
