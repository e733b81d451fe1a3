package org.scepra.ra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseFaultsTest {

  /** How Hibernate and EclipseLink surface a lost database: a JDBC exception somewhere under the JPA/JTA ones. */
  @Test
  void aJdbcFailureAnywhereInTheChainIsADatabaseFault() {
    RuntimeException wrapped = new IllegalStateException("transaction rolled back",
        new RuntimeException("could not prepare statement", new SQLTransientConnectionException("Connection refused")));
    assertTrue(DatabaseFaults.isDatabaseFault(wrapped));
    assertTrue(DatabaseFaults.isDatabaseFault(new RuntimeException(new SQLException("I/O error"))));
  }

  @Test
  void otherFailuresAreNot() {
    assertFalse(DatabaseFaults.isDatabaseFault(new IllegalStateException("a bug")));
    assertFalse(DatabaseFaults.isDatabaseFault(new RuntimeException(new java.io.IOException("CA unreachable"))));
  }
}
