package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Restarts the server under test so that nothing held in memory survives; only what was persisted does.
 *
 * <ul>
 *   <li>WildFly: a {@code reload} through its CLI. Every service, deployment and connection pool is torn down and
 *       started again (in the same JVM).
 *   <li>Payara Micro ({@link ItServer#isPayara()}): Micro has no management interface, and Arquillian's adapter
 *       runs one Micro JVM per test class without a way to restart it. So this stops that JVM (SIGTERM: Payara's
 *       orderly shutdown) and starts a new one with the identical command line, pinned to the port the test's URL
 *       already names. That is a stronger restart than WildFly's reload: a fresh JVM. The new JVM belongs to this
 *       test JVM: {@link RestartedServers} stops it when Arquillian undeploys the test class's deployment (the
 *       adapter only knows the original JVM).
 * </ul>
 */
final class ServerReload {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final List<Process> STARTED_HERE = new CopyOnWriteArrayList<>();

  private ServerReload() {}

  static void reloadAndWait(URL base) throws InterruptedException {
    if (ItServer.isPayara()) {
      Path log = Path.of(System.getProperty("payara.it.dir", System.getProperty("java.io.tmpdir")),
          "micro-restart-" + System.currentTimeMillis() + ".log");
      Process micro = restartPayaraMicro(base, log);
      waitUntilServing(base, () -> {
        if (!micro.isAlive()) {
          throw new AssertionError("the restarted Payara Micro exited with " + micro.exitValue() + tail(log));
        }
      });
    } else {
      reloadWildFly();
      waitUntilServing(base, () -> { });
    }
  }

  /** Stops the servers {@link #reloadAndWait} started in place of the adapter's (Payara Micro); no-op otherwise. */
  static void stopServersStartedHere() {
    for (Process process : STARTED_HERE) {
      stop(process.toHandle());
      STARTED_HERE.remove(process);
    }
  }

  private static void reloadWildFly() {
    Path cli = Path.of(System.getProperty("wildfly.home"), "bin", "jboss-cli.sh");
    // --timeout: the CLI waits for the reloaded server only 5 s by default, too short on a busy machine.
    Processes.Result result = Processes.run(List.of(cli.toString(), "--connect",
        "--controller=127.0.0.1:" + System.getProperty("wildfly.management.port", "10190"),
        "--timeout=90000", "--command=reload"), Path.of(System.getProperty("wildfly.home")), Duration.ofSeconds(120));
    assertTrue(result.succeeded(), result::describe);
  }

  private static Process restartPayaraMicro(URL base, Path log) {
    List<ProcessHandle> micros = ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .filter(ServerReload::isPayaraMicro)
        .toList();
    assertEquals(1, micros.size(), () -> "expected the one Payara Micro JVM Arquillian started, found " + micros);
    ProcessHandle micro = micros.get(0);
    List<String> command = new ArrayList<>();
    command.add(micro.info().command().orElseThrow());
    command.addAll(Arrays.asList(micro.info().arguments().orElseThrow()));
    stop(micro);
    try {
      Process restarted = new ProcessBuilder(onPort(command, base.getPort()))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      STARTED_HERE.add(restarted);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(restarted.toHandle())));
      return restarted;
    } catch (IOException e) {
      throw new AssertionError("cannot start Payara Micro again: " + command, e);
    }
  }

  private static boolean isPayaraMicro(ProcessHandle process) {
    List<String> args = process.info().arguments().map(Arrays::asList).orElse(List.of());
    return args.contains("--deploy") && args.stream().anyMatch(a -> a.endsWith("payara-micro.jar"));
  }

  /** The same command bound to exactly {@code port} (no automatic choice of another port). */
  static List<String> onPort(List<String> command, int port) {
    List<String> result = new ArrayList<>();
    for (int i = 0; i < command.size(); i++) {
      String arg = command.get(i).toLowerCase(Locale.ROOT);
      if (arg.equals("--autobindhttp")) {
        continue;
      }
      if (arg.equals("--port") || arg.equals("--autobindrange")) {
        i++; // and its value
        continue;
      }
      result.add(command.get(i));
    }
    result.addAll(List.of("--port", Integer.toString(port)));
    return result;
  }

  private static void stop(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(120, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  private static void waitUntilServing(URL base, Runnable stillStarting) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      stillStarting.run();
      try {
        if (ScepHttp.get(base, "scep?operation=GetCACaps").status() == 200) {
          return;
        }
      } catch (AssertionError notYet) {
        // connection refused while the server restarts
      }
      Thread.sleep(500);
    }
    throw new AssertionError("scepra did not come back after the restart");
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "\n" + log + " (end):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return " (" + log + " unreadable: " + e + ")";
    }
  }
}
