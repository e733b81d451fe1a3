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
