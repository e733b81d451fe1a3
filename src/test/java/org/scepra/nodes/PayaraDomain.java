package org.scepra.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A Payara Server domain a node test set up: its server process, that process's sockets, stopping it. */
record PayaraDomain(Path installation, String name) {
  PayaraDomain {
    // the server's command line names the installation normalized (never target/../), and server() looks for it there
    installation = installation.toAbsolutePath().normalize();
  }

  Path dir() {
    return installation.resolve("glassfish/domains").resolve(name);
  }

  Path serverLog() {
    return dir().resolve("logs/server.log");
  }

  /** The server process, if started (start-domain and restart-domain write its pid into config/pid). */
  Optional<ProcessHandle> server() {
    Path pidFile = dir().resolve("config/pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      // a pid of an earlier run may belong to another process by now
      return ProcessHandle.of(pid).filter(p -> p.info().commandLine().orElse("").contains(installation.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<ListeningSockets.Socket> sockets() {
    return ListeningSockets.of(server().orElseThrow(() -> new AssertionError("the domain's server is not running"))
        .pid());
  }

  /** The sockets once {@code port} is among them (a listener starting after start-domain returned), or in 2 min. */
  List<ListeningSockets.Socket> socketsOnceListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    List<ListeningSockets.Socket> sockets = sockets();
    while (sockets.stream().noneMatch(s -> s.port() == port) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      sockets = sockets();
    }
    return sockets;
  }

  /** asadmin stop-domain with {@code env}; if the server is still there a minute later, kill -9. */
  void stop(Map<String, String> env, Path log) throws IOException, InterruptedException {
    Optional<ProcessHandle> server = server();
    if (server.isEmpty()) {
      return;
    }
    ProcessBuilder stop = new ProcessBuilder(installation.resolve("bin/asadmin").toString(), "stop-domain", name)
        .redirectErrorStream(true).redirectOutput(log.toFile());
    stop.environment().putAll(env);
    Process asadmin = stop.start();
    if (!asadmin.waitFor(3, TimeUnit.MINUTES)) {
      asadmin.destroyForcibly();
    }
    ProcessHandle das = server.get();
    das.onExit().completeOnTimeout(das, 60, TimeUnit.SECONDS).join();
    if (das.isAlive()) {
      das.destroyForcibly();
    }
  }
}
