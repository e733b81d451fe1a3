package org.scepra.store;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The embedded default database: an H2 file under {@code scepra.data-dir}. The URL is computed here
 * rather than in the data-source definition because WildFly resolves no defaults in ${...}
 * expressions there: an unset property would put the database at the filesystem root.
 */
public class EmbeddedH2DataSource implements DataSource {

  private final JdbcDataSource h2 = new JdbcDataSource();

  public EmbeddedH2DataSource() {
    // WRITE_DELAY=0: each commit reaches the file before the client is answered (the default, 500 ms, lost
    // answered certificates on kill -9). CACHE_SIZE (KiB): 64 MiB of pages instead of 16, so that a database of a
    // million certificates does not make every enrollment read from disk. DB_CLOSE_ON_EXIT=FALSE: the container's
    // pool closes the database when the application stops; H2's own JVM shutdown hook raced WildFly's undeployment
    // and, on a large file, lost the deployment's classes mid-close (an ERROR trace, the file left unclean).
    h2.setURL("jdbc:h2:file:" + dataDir().resolve("db").resolve("scepra")
        + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;CACHE_SIZE=65536;DB_CLOSE_ON_EXIT=FALSE");
    h2.setUser("scepra");
    h2.setPassword("");
  }

  /** Same resolution as MicroProfile Config: system property, then environment, then default. */
  static Path dataDir() {
    String value = System.getProperty("scepra.data-dir");
    if (value == null || value.isBlank()) {
      value = System.getenv("SCEPRA_DATA_DIR");
    }
    if (value == null || value.isBlank()) {
      value = System.getProperty("user.home") + "/.scepra";
    }
    return Path.of(value).toAbsolutePath();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return h2.getConnection();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return h2.getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return h2.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    h2.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) {
    h2.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() {
    return h2.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
