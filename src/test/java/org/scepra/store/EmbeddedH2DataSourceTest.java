package org.scepra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database closes with the container's connection pool, not with the JVM. H2's own JVM shutdown hook
 * ran alongside WildFly's undeployment and, with a large file, was still compacting when the deployment's classes
 * went away: an ERROR trace on every stop and a file left marked unclean (recovered at the next start).
 */
class EmbeddedH2DataSourceTest {

  @TempDir
  Path dataDir;

  @Test
  void closingTheLastConnectionClosesTheFileCleanly() throws Exception {
    String before = System.getProperty("scepra.data-dir");
    System.setProperty("scepra.data-dir", dataDir.toString());
    try (Connection connection = new EmbeddedH2DataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      statement.execute("INSERT INTO t VALUES (1)");
      assertFalse(markedClean(), "the file is marked clean while it is open");
    } finally {
      restore(before);
    }
    assertTrue(markedClean(), "store header after the last connection closed: " + storeHeader());
  }

  @Test
  void aJvmThatExitsWithTheDatabaseOpenLeavesItToTheContainer() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dscepra.data-dir=" + dataDir,
        ExitWithDatabaseOpen.class.getName())
        .redirectErrorStream(true)
        .start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not exit");
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), output);
    assertTrue(output.contains("written"), output);
    // Had H2 registered its shutdown hook, the exit would have closed (and marked) the file.
    assertFalse(markedClean(), "H2 closed the database at JVM exit: " + storeHeader());
  }

  /** Child JVM: opens the database, commits, and exits without closing it. */
  public static final class ExitWithDatabaseOpen {
    public static void main(String[] args) throws SQLException {
      Connection connection = new EmbeddedH2DataSource().getConnection();
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        statement.execute("INSERT INTO t VALUES (1)");
      }
      System.out.println("written");
      System.exit(0);
    }
  }

  private boolean markedClean() throws IOException {
    return storeHeader().contains(",clean:1,");
  }

  /** MVStore's first block starts with its header as text, e.g. {@code H:2,block:1ac,…,clean:1,…}. */
  private String storeHeader() throws IOException {
    try (InputStream in = Files.newInputStream(dataDir.resolve("db").resolve("scepra.mv.db"))) {
      String start = new String(in.readNBytes(256), StandardCharsets.ISO_8859_1);
      int end = start.indexOf('\n');
      return end < 0 ? start : start.substring(0, end);
    }
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty("scepra.data-dir");
    } else {
      System.setProperty("scepra.data-dir", before);
    }
  }
}
