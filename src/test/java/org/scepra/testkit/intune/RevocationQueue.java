package org.scepra.testkit.intune;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Intune's queue of revocations for the CA: queued by tests, downloaded and answered by scepra. */
final class RevocationQueue {

  record Queued(String requestContext, String serialNumber, String issuerName) {}

  private final Map<String, Queued> outstanding = new LinkedHashMap<>();
  private final Map<String, JsonObject> results = new LinkedHashMap<>();

  synchronized String queue(String serialNumber, String issuerName) {
    String context = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"tenant\":\"double\"}";
    outstanding.put(context, new Queued(context, serialNumber, issuerName));
    return context;
  }

  /** The oldest requests not answered yet (Intune hands them out again until a result comes). */
  synchronized java.util.List<Queued> outstanding(int max) {
    return outstanding.values().stream().limit(max).toList();
  }

  synchronized boolean isOutstanding(String context) {
    return outstanding.containsKey(context);
  }

  synchronized void answered(String context, JsonObject result) {
    outstanding.remove(context);
    results.put(context, result);
  }

  synchronized Optional<JsonObject> result(String context) {
    return Optional.ofNullable(results.get(context));
  }
}
