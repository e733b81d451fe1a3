package org.scepra.nodes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The PostgreSQL the node tests share (.ci/run starts it on 127.0.0.1 with role and database scepra_it): its
 * coordinates for the servers, and a reset to an empty schema so that each test class starts from nothing.
 */
public final class Postgres {

  private Postgres() {}

  public static String url() {
    return System.getProperty("it.db.url", "jdbc:postgresql://127.0.0.1:5432/scepra_it");
  }

  public static String user() {
    return System.getProperty("it.db.user", "scepra_it");
  }

  /** A test secret, from the environment like every secret of the suite (LogSecretsScan looks for it too). */
  public static String password() {
    return Objects.requireNonNullElse(System.getenv("SCEPRA_IT_DB_PASSWORD"), "scepra-it-db-pw");
  }

  /** Drops everything scepra created, so the servers' schema generation starts from an empty database. */
  public static void reset() {
    execute("DROP TABLE IF EXISTS scepra_certificate, scepra_transaction, scepra_challenge, scepra_lockout CASCADE",
        "DROP SEQUENCE IF EXISTS scepra_certificate_seq, scepra_transaction_seq, scepra_challenge_seq");
  }

  public static long count(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL at " + url() + ": " + e.getMessage(), e);
    }
  }

  private static void execute(String... statements) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL at " + url() + " (.ci/run starts it; role and database scepra_it): "
          + e.getMessage(), e);
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), user(), password());
  }
}
