package org.scepra.nodes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * WildFly nodes prepared the way an administrator would: a stock installation, then only the production scripts of
 * server-configs/wildfly (configure.sh, add-operator.sh), with the environment the scripts document.
 */
final class ScriptedWildFly {

  private ScriptedWildFly() {}

  static Path nodesDir() {
    return Path.of(System.getProperty("nodes.dir", "target/nodes")).toAbsolutePath();
  }

  /** A fresh copy of the WildFly distribution (configure.sh adds the driver module to it). */
  static Path installation(String name) {
    return WildFlyNode.copyOfDistribution(nodesDir().resolve(name), true);
  }

  /**
   * A node with a never-configured base dir, configured by configure.sh, with the given operators (user to role)
   * added by add-operator.sh. {@code env} is both the scripts' and the server's environment (as the scripts'
   * README says); {@code systemProperties} are the node's other scepra.* keys.
   */
  static WildFlyNode node(String name, int portOffset, Path home, Map<String, String> env,
      Map<String, String> systemProperties, Map<String, String> operators, String operatorPassword) {
    WildFlyNode.deleteTree(nodesDir().resolve(name));
    WildFlyNode.Builder builder = WildFlyNode.named(name).jbossHome(home).portOffset(portOffset);
    env.forEach(builder::env);
    systemProperties.forEach(builder::systemProperty);
    WildFlyNode node = builder.build().prepare();

    Path scripts = Path.of(System.getProperty("server.configs", "server-configs")).resolve("wildfly");
    Map<String, String> scriptEnv = new LinkedHashMap<>(env);
    scriptEnv.put("JBOSS_HOME", home.toString());
    scriptEnv.put("JBOSS_BASE_DIR", node.baseDir().toString());
    scriptEnv.put("POSTGRESQL_JAR", System.getProperty("postgresql.jar"));
    run(node, List.of(scripts.resolve("configure.sh").toString()), scriptEnv);
    scriptEnv.put("SCEPRA_OPERATOR_PASSWORD", operatorPassword);
    operators.forEach((user, role) ->
        run(node, List.of(scripts.resolve("add-operator.sh").toString(), user, role), scriptEnv));
    return node;
  }

  private static void run(WildFlyNode node, List<String> command, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    Path log = node.baseDir().resolve("script-" + System.nanoTime() + ".log");
    pb.redirectOutput(log.toFile());
    try {
      Process p = pb.start();
      if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new AssertionError(command.get(0) + " failed:\n" + Files.readString(log));
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
