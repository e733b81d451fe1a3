package org.scepra.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Creates scepra's tables ({@code schema.sql}) at the first use of the database rather than while the application
 * deploys. Why: with the JPA providers' own schema tools (Hibernate {@code hbm2ddl}, EclipseLink DDL generation) a
 * database that is away at start failed the whole deployment, and only a manual redeploy brought scepra back. Now
 * scepra deploys without its database, answers FAILURE and health DOWN meanwhile, and the first use after the
 * database returns creates what is missing.
 *
 * <p>Every repository call passes here first ({@link SchemaInterceptor}); once the schema is in place that costs one
 * volatile read ({@link #installed}). A failed attempt is retried at the next use, at most every
 * {@link #RETRY_AFTER_MILLIS} ms, so that a database that is away does not make every request wait for a second
 * connection attempt.
 */
@ApplicationScoped
public class DatabaseSchema {

  static final String EMBEDDED_DATA_SOURCE = "java:app/jdbc/scepra";
  static final long RETRY_AFTER_MILLIS = 2000;
  static final long SCHEMA_LOCK_KEY = 0x736365707261L;
  private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

  private volatile boolean installed;
  private long lastFailure = Long.MIN_VALUE;

  /** Tries at deployment so that a healthy start is ready at once; a database that is away only logs a warning. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    ensure();
  }

  /** True once the schema is in place: one volatile read, no transaction boundary. */
  public boolean installed() {
    return installed;
  }

  /**
   * Outside the caller's transaction: DDL commits on its own (H2 commits implicitly), and it must not be rolled back
   * with, or roll back, the request's work.
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void ensure() {
    if (installed) {
      return;
    }
    synchronized (this) {
      long now = System.nanoTime();
      if (installed || (lastFailure != Long.MIN_VALUE
          && now - lastFailure < TimeUnit.MILLISECONDS.toNanos(RETRY_AFTER_MILLIS))) {
        return;
      }
      try (Connection connection = dataSource().getConnection()) {
        install(connection);
        installed = true;
        LOG.info("scepra's database schema is in place");
      } catch (SQLException | RuntimeException e) {
        lastFailure = now;
        // the class and message only: a driver's message names the host or user, never a password
        LOG.warning("scepra's database schema could not be checked, retried at the next use: "
            + e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }

  /**
   * Runs every statement of {@code schema.sql}, each committed on its own; all of them may run again. On PostgreSQL
   * under an advisory lock: two nodes starting at once on an empty database otherwise race inside {@code CREATE ...
   * IF NOT EXISTS} (both see no table, one fails on PostgreSQL's own catalogue constraint), and that node's first
   * requests fail until the next attempt.
   */
  public static void install(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
        .contains("postgresql");
    if (postgres) {
      advisoryLock(connection, "pg_advisory_lock");
    }
    try {
      for (String sql : statements()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(sql);
        }
      }
    } finally {
      if (postgres) {
        advisoryLock(connection, "pg_advisory_unlock");
      }
    }
  }

  /** A session-level advisory lock on a key of scepra's own (the ASCII of "scepra"). */
  private static void advisoryLock(Connection connection, String function) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT " + function + "(" + SCHEMA_LOCK_KEY + ")");
    }
  }

  /** The statements of {@code schema.sql}: separated by a semicolon at the end of a line, comments dropped. */
  static List<String> statements() {
    String script;
    try (InputStream in = DatabaseSchema.class.getResourceAsStream("schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("schema.sql is missing from the application");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(trimmed).append(' ');
      if (trimmed.endsWith(";")) {
        statements.add(current.substring(0, current.lastIndexOf(";")).strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      throw new IllegalStateException("schema.sql ends without a semicolon");
    }
    return statements;
  }

  /** The database the JPA providers use: see {@link ServerDataSource}. */
  private static DataSource dataSource() {
    return ServerDataSource.lookup(ServerDataSource.jndiName().orElse(EMBEDDED_DATA_SOURCE));
  }
}
