package org.scepra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scepra.store.H2TestFiles.header;
import static org.scepra.store.H2TestFiles.markedClean;
import static org.scepra.store.H2TestFiles.openInThisJvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With WRITE_DELAY=0 H2 no longer reclaims its file's space by itself; the housekeeping round must. Single-row commits
 * with random keys, as enrollments make them, against the real embedded data source. H2's retention time is set to
 * 0 here so that a chunk may be reused as soon as it is dead, rather than 45 s later.
 */
class EmbeddedH2HousekeepingTest {

  private static final int COMMITS = 3000;
  private static final int ROUND_EVERY = 100;
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path dataDir;

  @Test
  void roundsKeepTheFileFromGrowingWithEveryCommit() throws Exception {
    long without = fileSizeAfterCommits(dataDir.resolve("without"), false);
    long with = fileSizeAfterCommits(dataDir.resolve("with"), true);
    System.out.printf("H2 file after %d commits: %d KiB without housekeeping, %d KiB with%n", COMMITS,
        without / 1024, with / 1024);
    assertTrue(with * 2 < without, "with housekeeping " + with + " bytes, without " + without);
  }

  @Test
  void aRoundAfterStopDoesNotOpenTheDatabaseAgain() throws Exception {
    try (H2TestFiles.DataDir ignored = H2TestFiles.useDataDir(dataDir)) {
      EmbeddedH2Housekeeping housekeeping = new EmbeddedH2Housekeeping();
      housekeeping.round(); // opens the database and keeps it open
      assertTrue(openInThisJvm(dataDir), "no lock on the database after a round");
      housekeeping.stop(); // its connection was the last one: H2 closes the file
      assertTrue(markedClean(dataDir), header(dataDir));
      housekeeping.round(); // e.g. a round that was already waiting when the application stopped
      assertFalse(openInThisJvm(dataDir), "the database was opened again after stop");
    }
  }

  @Test
  void anIdleDatabaseIsNotLookedAtAgainUntilSomethingIsWritten() throws Exception {
    try (H2TestFiles.DataDir ignored = H2TestFiles.useDataDir(dataDir)) {
      EmbeddedH2Housekeeping housekeeping = new EmbeddedH2Housekeeping();
      try {
        housekeeping.round(); // a new database: nothing to move
        housekeeping.round();
        housekeeping.round();
        assertEquals(1, housekeeping.rewriteAttempts, "rounds that looked with nothing written in between");
        try (Connection db = new EmbeddedH2DataSource().getConnection();
            Statement sql = db.createStatement()) {
          sql.execute("CREATE TABLE t (id INT PRIMARY KEY)");
          sql.execute("INSERT INTO t VALUES (1)");
        }
        housekeeping.round();
        assertEquals(2, housekeeping.rewriteAttempts, "a write must make the next round look again");
      } finally {
        housekeeping.stop();
      }
    }
  }

  private long fileSizeAfterCommits(Path dir, boolean housekeeping) throws SQLException, IOException {
    try (H2TestFiles.DataDir ignored = H2TestFiles.useDataDir(dir);
        Connection db = new EmbeddedH2DataSource().getConnection()) {
      try (Statement sql = db.createStatement()) {
        sql.execute("SET RETENTION_TIME 0");
        sql.execute("CREATE TABLE cert (id VARCHAR(32) PRIMARY KEY, serial VARCHAR(32) UNIQUE, subject VARCHAR(64),"
            + " der VARBINARY(2048))");
        sql.execute("CREATE INDEX cert_subject ON cert (subject)");
      }
      byte[] der = new byte[1000];
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO cert VALUES (?, ?, ?, ?)")) {
        for (int i = 1; i <= COMMITS; i++) {
          RANDOM.nextBytes(der);
          insert.setString(1, randomHex());
          insert.setString(2, randomHex());
          insert.setString(3, "CN=" + randomHex());
          insert.setBytes(4, der);
          insert.executeUpdate();
          if (housekeeping && i % ROUND_EVERY == 0) {
            EmbeddedH2Housekeeping.rewriteSparseChunks(EmbeddedH2Housekeeping.mvStore(db));
          }
        }
      }
      return Files.size(H2TestFiles.file(dir));
    }
  }

  private static String randomHex() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
