package org.scepra.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Adds issued certificates, each with its ISSUED transaction, to a stopped scepra's embedded H2
 * database, so the benchmark can show the cost per enrollment does not grow with the tables. Rows
 * copy a real certificate and CSR the server issued (same sizes), with random serials and
 * transactionIDs, so the unique indexes are as large and as random as after real enrollments.
 * Negative ids keep clear of the JPA sequences.
 *
 * <p>Arguments: the H2 database path (without {@code .mv.db}) and the number of rows.
 */
public final class PrefillDatabase {

  private static final int BATCH = 50_000;

  private PrefillDatabase() {}

  public static void main(String[] args) throws SQLException {
    String url = "jdbc:h2:file:" + args[0];
    long rows = Long.parseLong(args[1]);
    long started = System.nanoTime();
    try (Connection db = DriverManager.getConnection(url, "scepra", "");
        Statement sql = db.createStatement()) {
      long certificateTemplate = single(sql, "SELECT MAX(id) FROM scepra_certificate WHERE id > 0");
      long transactionTemplate = single(sql, "SELECT MAX(id) FROM scepra_transaction WHERE status = 'ISSUED'");
      long offset = -single(sql, "SELECT COALESCE(MIN(id), 0) FROM scepra_certificate WHERE id < 0");
      for (long from = 1; from <= rows; from += BATCH) {
        long to = Math.min(rows, from + BATCH - 1);
        sql.executeUpdate("INSERT INTO scepra_certificate (id, alias, transaction_id, issuer_dn, issuer_sha256,"
            + " serial_hex, subject, not_before, not_after, revoked, der)"
            + " SELECT -(x + " + offset + "), t.alias, " + randomHex() + ", t.issuer_dn, t.issuer_sha256, "
            + randomHex() + ", 'CN=prefill-' || (x + " + offset + ") || ',O=scepra-bench', t.not_before,"
            + " t.not_after, FALSE, t.der FROM SYSTEM_RANGE(" + from + ", " + to + ")"
            + " CROSS JOIN (SELECT * FROM scepra_certificate WHERE id = " + certificateTemplate + ") t");
        sql.executeUpdate("INSERT INTO scepra_transaction (id, alias, transaction_id, csr, csr_sha256,"
            + " requester_key_sha256, subject, profile, status, issuer_dn, serial_hex, received_at, updated_at,"
            + " decided_by)"
            + " SELECT c.id, c.alias, c.transaction_id, t.csr, " + randomHex() + ", " + randomHex() + ", c.subject,"
            + " t.profile, 'ISSUED', c.issuer_dn, c.serial_hex, t.received_at, t.updated_at, t.decided_by"
            + " FROM scepra_certificate c"
            + " CROSS JOIN (SELECT * FROM scepra_transaction WHERE id = " + transactionTemplate + ") t"
            + " WHERE c.id BETWEEN " + -(to + offset) + " AND " + -(from + offset));
        if (to % 200_000 == 0 || to == rows) {
          System.out.printf("prefilled %d of %d%n", to, rows);
        }
      }
      System.out.printf("scepra_certificate: %d rows, scepra_transaction: %d rows (%.0f s)%n",
          single(sql, "SELECT COUNT(*) FROM scepra_certificate"), single(sql, "SELECT COUNT(*) FROM scepra_transaction"),
          (System.nanoTime() - started) / 1e9);
    }
  }

  private static String randomHex() {
    return "LOWER(REPLACE(CAST(RANDOM_UUID() AS VARCHAR), '-', ''))";
  }

  private static long single(Statement sql, String query) throws SQLException {
    try (ResultSet result = sql.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }
}
