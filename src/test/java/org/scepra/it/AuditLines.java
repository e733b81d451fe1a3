package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Reads the audit lines (logger scepra.audit) the server under test wrote. Only on WildFly, whose server.log the
 * test can read while it runs; Payara Micro logs into the test JVM's captured output, so there this checks nothing.
 */
final class AuditLines {

  private AuditLines() {}

  /** Waits (up to 20 s) for a FAILURE line of that transaction whose values contain {@code text}. */
  static void assertFailureRecorded(String transactionId, String text) throws InterruptedException {
    if (!"wildfly".equals(System.getProperty("it.server"))) {
      return;
    }
    Path log = Path.of(System.getProperty("wildfly.home"), "standalone", "log", "server.log");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!contains(log, transactionId, text)) {
      assertTrue(System.nanoTime() < deadline, "no audit line for " + transactionId + " with " + text + " in " + log);
      Thread.sleep(500);
    }
  }

  private static boolean contains(Path log, String transactionId, String text) {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.anyMatch(line -> line.contains("event=pkiOperation") && line.contains(transactionId)
          && line.contains("outcome=\"FAILURE\"") && line.contains(text));
    } catch (IOException | UncheckedIOException e) {
      return false; // not written yet
    }
  }
}
