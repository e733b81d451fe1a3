package org.scepra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scepra.store.H2TestFiles.header;
import static org.scepra.store.H2TestFiles.markedClean;

import java.nio.charset.StandardCharsets;
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
    try (H2TestFiles.DataDir ignored = H2TestFiles.useDataDir(dataDir);
        Connection connection = new EmbeddedH2DataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      statement.execute("INSERT INTO t VALUES (1)");
      assertFalse(markedClean(dataDir), "the file is marked clean while it is open");
    }
    assertTrue(markedClean(dataDir), "store header after the last connection closed: " + header(dataDir));
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
    assertFalse(markedClean(dataDir), "H2 closed the database at JVM exit: " + header(dataDir));
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
}
