package org.scepra.nodes;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** /status/ready of a node. */
final class NodeStatus {

  private NodeStatus() {}

  /** HTTP status and each check's status and data, as /status/ready answered. */
  record Readiness(int httpStatus, String body, Map<String, String> checks) {
    String check(String name) {
      return checks.getOrDefault(name, "missing");
    }

    @Override
    public String toString() {
      return httpStatus + " " + body;
    }
  }

  /**
   * Waits until /status/ready answers 200. A node that answers /status/live may still be warming up its endpoints
   * (readiness is DOWN meanwhile, on a busy machine for several seconds), so tests that need it ready wait for it.
   */
  static Readiness awaitReady(WildFlyNode node, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Readiness last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = readiness(node);
        if (last.httpStatus() == 200) {
          return last;
        }
      } catch (RuntimeException e) { // not JSON yet: the server is still starting
        last = null;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(node.name() + " not ready after " + timeout + ": " + last + node.logTail());
  }

  static Readiness readiness(WildFlyNode node) {
    try {
      NodeScep.Answer answer = NodeScep.get(node.uri("/status/ready"), Duration.ofSeconds(60));
      JsonObject body = Json.createReader(new StringReader(answer.text())).readObject();
      Map<String, String> checks = new LinkedHashMap<>();
      body.getJsonArray("checks").forEach(c -> checks.put(((JsonObject) c).getString("name"),
          ((JsonObject) c).getString("status")));
      return new Readiness(answer.status(), answer.text(), checks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
