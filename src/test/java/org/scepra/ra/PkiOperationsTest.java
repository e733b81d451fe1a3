package org.scepra.ra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class PkiOperationsTest {

  /** How Hibernate and EclipseLink surface a lost database: a JDBC exception somewhere under the JPA/JTA ones. */
  @Test
  void aJdbcFailureAnywhereInTheChainIsADatabaseFault() {
    RuntimeException wrapped = new IllegalStateException("transaction rolled back",
        new RuntimeException("could not prepare statement", new SQLTransientConnectionException("Connection refused")));
    assertTrue(PkiOperations.isDatabaseFault(wrapped));
    assertTrue(PkiOperations.isDatabaseFault(new RuntimeException(new SQLException("I/O error"))));
  }

  @Test
  void otherFailuresAreNot() {
    assertFalse(PkiOperations.isDatabaseFault(new IllegalStateException("a bug")));
    assertFalse(PkiOperations.isDatabaseFault(new RuntimeException(new java.io.IOException("CA unreachable"))));
  }
}
