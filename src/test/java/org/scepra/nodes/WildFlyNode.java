package org.scepra.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One WildFly server with scepra deployed, started and stopped by a test as a real process, outside Arquillian:
 * for what Arquillian cannot do (two nodes at once, kill -9, a server prepared by the production CLI scripts).
 *
 * <p>Each node has its own server base dir ({@code target/nodes/<name>}: configuration, deployments, logs) over a
 * shared WildFly installation, binds to 127.0.0.1 only, and keeps its base dir across restarts, so a restart
 * sees the configuration and the deployment it had. Secrets go in as environment variables, never as JVM
 * arguments or system properties (WildFly logs both at boot).
 */
public final class WildFlyNode implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Path jbossHome;
  private final Path baseDir;
  private final int portOffset;
  private final Path war;
  private final Map<String, String> env;
  private final Map<String, String> systemProperties;
  private final String javaOpts;
  private Process shell;

  private WildFlyNode(Builder b) {
    this.name = b.name;
    this.jbossHome = b.jbossHome;
    this.baseDir = b.nodesDir.resolve(b.name);
    this.portOffset = b.portOffset;
    this.war = b.war;
    this.env = Map.copyOf(b.env);
    this.systemProperties = new LinkedHashMap<>(b.systemProperties);
    this.javaOpts = b.javaOpts;
  }

  /**
   * Node tests run in the failsafe execution "nodes" only (it passes nodes.dir); -Dit.test=SomeNodeIT would otherwise
   * also run them in the Arquillian executions, without their settings.
   */
  public static void assumeNodesExecution() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("nodes.dir") != null,
        "runs in the failsafe execution 'nodes' only");
  }

  public static Builder named(String name) {
    return new Builder(name);
  }

  /** The WildFly distribution the build unpacked (pom: unpack-wildfly). */
  public static Path distribution() {
    return Path.of(System.getProperty("wildfly.home", "target/wildfly-" + System.getProperty("wildfly.version", "39.0.1.Final")))
        .toAbsolutePath();
  }

  /** The WAR under test (pom: scepra.war). */
  public static Path builtWar() {
    return Path.of(System.getProperty("scepra.war", "target/scepra.war")).toAbsolutePath();
  }

  /**
   * A private copy of the distribution, for tests that change the installation itself (a JDBC driver module):
   * made once per directory, and replaced when {@code fresh}.
   */
  public static Path copyOfDistribution(Path target, boolean fresh) {
    try {
      if (fresh && Files.exists(target)) {
        run(List.of("rm", "-rf", target.toString()), Duration.ofMinutes(2));
      }
      if (!Files.exists(target.resolve("bin/standalone.sh"))) {
        Files.createDirectories(target.getParent());
        run(List.of("cp", "-a", distribution().toString(), target.toString()), Duration.ofMinutes(5));
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  public Path baseDir() {
    return baseDir;
  }

  public Path jbossHome() {
    return jbossHome;
  }

  public int httpPort() {
    return 8080 + portOffset;
  }

  public int httpsPort() {
    return 8443 + portOffset;
  }

  public int managementPort() {
    return 9990 + portOffset;
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + httpPort() + "/");
  }

  public URI uri(String path) {
    return baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  public Path serverLog() {
    return baseDir.resolve("log/server.log");
  }

  public boolean isRunning() {
    return shell != null && shell.isAlive();
  }

  /** Creates the base dir from the installation's standalone/configuration if it does not exist yet. */
  public WildFlyNode prepare() {
    try {
      if (!Files.isDirectory(baseDir.resolve("configuration"))) {
        Files.createDirectories(baseDir);
        run(List.of("cp", "-a", jbossHome.resolve("standalone/configuration").toString(), baseDir.toString()),
            Duration.ofMinutes(1));
      }
      Files.createDirectories(baseDir.resolve("deployments"));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server and waits until scepra answers /status/live (or the deployment failed). */
  public WildFlyNode start() {
    launch();
    waitUntilLive();
    return this;
  }

  /**
   * Starts the server and waits for the deployment scanner's verdict on scepra.war.
   *
   * @return true if deployed, false if the deployment failed (the server keeps running)
   */
  public boolean startAllowingFailedDeployment() {
    launch();
    Path deployments = baseDir.resolve("deployments");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!shell.isAlive()) {
        throw new AssertionError(name + ": WildFly exited with " + shell.exitValue() + logTail());
      }
      if (Files.exists(deployments.resolve("scepra.war.failed"))) {
        return false;
      }
      if (Files.exists(deployments.resolve("scepra.war.deployed"))) {
        waitUntilLive();
        return true;
      }
      sleep(500);
    }
    throw new AssertionError(name + ": no deployment verdict after " + START_TIMEOUT + logTail());
  }

  private void launch() {
    if (isRunning()) {
      throw new IllegalStateException(name + " is already running");
    }
    prepare();
    try {
      Path deployments = baseDir.resolve("deployments");
      for (String marker : List.of("scepra.war.failed", "scepra.war.deployed", "scepra.war.undeployed")) {
        Files.deleteIfExists(deployments.resolve(marker));
      }
      Files.copy(war, deployments.resolve("scepra.war"), StandardCopyOption.REPLACE_EXISTING);
      Path props = baseDir.resolve("node.properties");
      Properties p = new Properties();
      p.putAll(systemProperties);
      try (var w = Files.newBufferedWriter(props)) {
        p.store(w, "system properties of node " + name);
      }
      List<String> command = new ArrayList<>(List.of(
          jbossHome.resolve("bin/standalone.sh").toString(),
          "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
          "-Djboss.server.base.dir=" + baseDir,
          "-Djboss.socket.binding.port-offset=" + portOffset,
          "--properties=" + props.toUri()));
      ProcessBuilder pb = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("console.log").toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().putAll(env);
      pb.environment().put("JAVA_OPTS", javaOpts);
      pb.environment().put("JBOSS_HOME", jbossHome.toString());
      shell = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void waitUntilLive() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Path failed = baseDir.resolve("deployments/scepra.war.failed");
    while (System.nanoTime() < deadline) {
      if (!shell.isAlive()) {
        throw new AssertionError(name + ": WildFly exited with " + shell.exitValue() + logTail());
      }
      if (Files.exists(failed)) {
        throw new AssertionError(name + ": scepra.war failed to deploy" + logTail());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri("/status/live")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      sleep(500);
    }
    throw new AssertionError(name + ": not live after " + START_TIMEOUT + logTail());
  }

  /** Orderly shutdown (SIGTERM to the server JVM, which runs WildFly's shutdown hook). */
  public void stop() {
    signal(false);
  }

  /** kill -9: the server JVM dies at once, mid-request, with nothing flushed or closed. */
  public void kill() {
    signal(true);
  }

  private void signal(boolean forcibly) {
    if (shell == null) {
      return;
    }
    Optional<ProcessHandle> jvm = serverJvm();
    jvm.ifPresent(h -> {
      if (forcibly) {
        h.destroyForcibly();
      } else {
        h.destroy();
      }
    });
    if (jvm.isEmpty()) {
      shell.destroyForcibly();
    }
    try {
      if (jvm.isPresent()) {
        jvm.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      if (!shell.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        shell.descendants().forEach(ProcessHandle::destroyForcibly);
        shell.destroyForcibly();
        shell.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly();
    }
    shell = null;
  }

  /** The java process standalone.sh started (its child), for CPU time and signals. */
  public Optional<ProcessHandle> serverJvm() {
    if (shell == null) {
      return Optional.empty();
    }
    return shell.descendants()
        .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .findFirst();
  }

  public String logTail() {
    try {
      List<String> lines = Files.exists(serverLog()) ? Files.readAllLines(serverLog()) : List.of();
      return "\n--- " + serverLog() + " (tail) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "\n(server.log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Deletes a directory tree (test output of an earlier run); no-op if absent. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command, Duration timeout) {
    try {
      Process p = new ProcessBuilder(command).inheritIO().start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new AssertionError("failed: " + command);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public static final class Builder {
    private final String name;
    private Path jbossHome = distribution();
    private Path nodesDir = Path.of(System.getProperty("nodes.dir", "target/nodes")).toAbsolutePath();
    private int portOffset = 400;
    private Path war = builtWar();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private String javaOpts = "-Xms128m -Xmx768m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=384m -Djava.net.preferIPv4Stack=true";

    private Builder(String name) {
      this.name = name;
    }

    public Builder jbossHome(Path home) {
      this.jbossHome = home.toAbsolutePath();
      return this;
    }

    public Builder portOffset(int offset) {
      this.portOffset = offset;
      return this;
    }

    public Builder war(Path war) {
      this.war = war.toAbsolutePath();
      return this;
    }

    /** Environment of the server process: where secrets go (MicroProfile Config reads SCEPRA_... variables). */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** A system property, passed in a --properties file (not on the command line). Never a secret. */
    public Builder systemProperty(String key, String value) {
      systemProperties.put(key, value);
      return this;
    }

    public Builder dataDir(Path dir) {
      return systemProperty("scepra.data-dir", dir.toAbsolutePath().toString());
    }

    public Builder javaOpts(String opts) {
      this.javaOpts = opts;
      return this;
    }

    public WildFlyNode build() {
      return new WildFlyNode(this);
    }
  }
}
