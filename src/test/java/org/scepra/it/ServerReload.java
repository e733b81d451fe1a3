package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reloads the managed WildFly through its CLI: every service, deployment and connection pool is
 * torn down and started again, so nothing held in memory survives; only what was persisted does.
 */
final class ServerReload {

  private ServerReload() {}

  static void reloadAndWait(URL base) throws InterruptedException {
    Path cli = Path.of(System.getProperty("wildfly.home"), "bin", "jboss-cli.sh");
    // --timeout: the CLI waits for the reloaded server only 5 s by default, too short on a busy machine.
    Processes.Result result = Processes.run(List.of(cli.toString(), "--connect", "--controller=127.0.0.1:" + System.getProperty("wildfly.management.port", "10190"),
        "--timeout=90000", "--command=reload"), Path.of(System.getProperty("wildfly.home")), Duration.ofSeconds(120));
    assertTrue(result.succeeded(), result::describe);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (ScepHttp.get(base, "scep?operation=GetCACaps").status() == 200) {
          return;
        }
      } catch (AssertionError notYet) {
        // connection refused while the server restarts
      }
      Thread.sleep(500);
    }
    throw new AssertionError("scepra did not come back after reload");
  }
}
