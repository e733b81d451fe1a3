package org.scepra.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.junit.jupiter.api.Test;

/** The placeholder stands in only for EclipseLink's login probe; afterwards a refused connection is an error. */
class StartupTolerantConnectorTest {

  private final RefusingDataSource database = new RefusingDataSource();

  @Test
  void beforeLoginARefusedConnectionBecomesAPlaceholderThatOnlyConfiguresAndCloses() throws SQLException {
    Connection placeholder = new StartupTolerantConnector(database, "jdbc/scepra").connect(new Properties(), null);
    placeholder.setAutoCommit(false);
    assertFalse(placeholder.getAutoCommit());
    SQLException used = assertThrows(SQLTransientConnectionException.class, placeholder::createStatement);
    assertSame(database.refusal, used.getCause(), "fails with the database's own reason");
    assertThrows(SQLTransientConnectionException.class, () -> placeholder.prepareStatement("SELECT 1"));
    placeholder.close();
  }

  @Test
  void afterLoginARefusedConnectionFails() {
    StartupTolerantConnector connector = new StartupTolerantConnector(database, "jdbc/scepra");
    StartupTolerantConnector clone = (StartupTolerantConnector) connector.clone();
    connector.loginCompleted();
    DatabaseException refused = assertThrows(DatabaseException.class, () -> clone.connect(new Properties(), null));
    assertSame(database.refusal, refused.getInternalException(), "the clones EclipseLink makes know it too");
  }

  @Test
  void aConnectionTheDatabaseGivesIsPassedOn() throws SQLException {
    database.refusing = false;
    Connection real = new StartupTolerantConnector(database, "jdbc/scepra").connect(new Properties(), null);
    assertTrue(real.getMetaData() == null, "the data source's own connection, not a placeholder");
  }

  /** Refuses, like a pool whose database is away, until told otherwise; then hands out a bare connection. */
  private static final class RefusingDataSource implements DataSource {
    final SQLException refusal = new SQLException("Connection refused", "08001");
    boolean refusing = true;

    @Override
    public Connection getConnection() throws SQLException {
      if (refusing) {
        throw refusal;
      }
      return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> null);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
