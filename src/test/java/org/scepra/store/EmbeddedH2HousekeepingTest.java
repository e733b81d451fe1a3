package org.scepra.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
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

  private String before;

  @AfterEach
  void restoreDataDir() {
    if (before == null) {
      System.clearProperty("scepra.data-dir");
    } else {
      System.setProperty("scepra.data-dir", before);
    }
  }

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
    before = System.getProperty("scepra.data-dir");
    System.setProperty("scepra.data-dir", dataDir.toString());
    Path file = dataDir.resolve("db").resolve("scepra.mv.db");
    EmbeddedH2Housekeeping housekeeping = new EmbeddedH2Housekeeping();
    housekeeping.round(); // opens the database and keeps it open
    assertTrue(openInThisJvm(file), "no lock on the database after a round");
    housekeeping.stop(); // its connection was the last one: H2 closes the file
    assertTrue(header(file).contains(",clean:1,"), header(file));
    housekeeping.round(); // e.g. a round that was already waiting when the application stopped
    assertFalse(openInThisJvm(file), "the database was opened again after stop");
  }

  /** H2 holds a file lock on an open database; in the JVM that holds it, another lock attempt throws. */
  private static boolean openInThisJvm(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
      return lock == null;
    } catch (OverlappingFileLockException e) {
      return true;
    }
  }

  private static String header(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(120), StandardCharsets.ISO_8859_1);
    }
  }

  private long fileSizeAfterCommits(Path dir, boolean housekeeping) throws SQLException, IOException {
    before = System.getProperty("scepra.data-dir");
    System.setProperty("scepra.data-dir", dir.toString());
    try (Connection db = new EmbeddedH2DataSource().getConnection()) {
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
            EmbeddedH2Housekeeping.rewriteSparseChunks(db);
          }
        }
      }
      return Files.size(dir.resolve("db").resolve("scepra.mv.db"));
    }
  }

  private static String randomHex() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
