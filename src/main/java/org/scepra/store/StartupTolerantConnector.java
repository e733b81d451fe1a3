package org.scepra.store;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.sessions.Connector;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink's (Payara's) connector to the server data source that lets scepra deploy while the database is away.
 *
 * <p>Why: Payara creates an EntityManager while it deploys, and EclipseLink then logs in, opening one connection only
 * to see that it can (it closes it at once and opens one per use afterwards). With the database away that failed the
 * whole deployment, and only a redeploy brought scepra back. Here, until the login has completed, a connection that
 * cannot be opened is replaced by a placeholder that only accepts being configured and closed; any real use of it
 * fails like the database it stands for. After the login every connection is a real one, or the data source's own
 * failure, which scepra answers with FAILURE and health DOWN until the database is back. The database platform is
 * configured, not detected (detection needs a connection): see {@link EclipseLinkDataSourceSelector}.
 */
final class StartupTolerantConnector implements Connector {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(StartupTolerantConnector.class.getName());

  private final transient DataSource dataSource;
  private final String jndiName;
  // shared with the clones EclipseLink makes of its logins
  private final AtomicBoolean loggedIn;

  StartupTolerantConnector(DataSource dataSource, String jndiName) {
    this(dataSource, jndiName, new AtomicBoolean());
  }

  private StartupTolerantConnector(DataSource dataSource, String jndiName, AtomicBoolean loggedIn) {
    this.dataSource = dataSource;
    this.jndiName = jndiName;
    this.loggedIn = loggedIn;
  }

  /** From the session's postLogin event: from now on, connections are real or fail. */
  void loginCompleted() {
    loggedIn.set(true);
  }

  @Override
  public Connection connect(Properties properties, Session session) {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      if (loggedIn.get()) {
        throw DatabaseException.sqlException(e);
      }
      LOG.warning("the database (" + jndiName + ") is unavailable while scepra starts: " + e.getClass().getName()
          + ": " + e.getMessage() + "; scepra deploys anyway and connects at each use");
      return placeholder(e);
    }
  }

  /** A connection that was never opened: it can be configured and closed; anything else fails with the cause. */
  static Connection placeholder(SQLException cause) {
    boolean[] autoCommit = {true};
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "close" -> null;
          case "isClosed" -> false;
          case "getAutoCommit" -> autoCommit[0];
          case "setAutoCommit" -> {
            autoCommit[0] = (Boolean) args[0];
            yield null;
          }
          case "isWrapperFor" -> false;
          case "toString" -> "placeholder for a connection the database refused at start";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new SQLTransientConnectionException("the database was unavailable at start",
              cause.getSQLState(), cause);
        });
  }

  @Override
  public Object clone() {
    return new StartupTolerantConnector(dataSource, jndiName, loggedIn);
  }

  @Override
  public void toString(PrintWriter writer) {
    writer.print(getConnectionDetails());
  }

  @Override
  public String getConnectionDetails() {
    return jndiName;
  }
}
