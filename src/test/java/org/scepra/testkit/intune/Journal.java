package org.scepra.testkit.intune;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every request the double received, in order, with what it answered: what tests assert on. */
public final class Journal {

  /**
   * One request.
   *
   * @param service token, graph, validateRequest, successNotification, failureNotification, throttled (a 429),
   *     downloadRevocationRequests, uploadRevocationResults, or unknown
   * @param path the request path
   * @param clientRequestId the client-request-id header, or null
   * @param apiVersion the api-version header, or null
   * @param userAgent the User-Agent header, or null
   * @param body the request body as sent
   * @param status the HTTP status answered
   * @param code the "code" answered, for ScepActions, or null
   */
  public record Call(String service, String path, String clientRequestId, String apiVersion, String userAgent,
      String body, int status, String code, Instant at) {

    /** The body as JSON (ScepActions, Graph, PKI connector). */
    public JsonObject json() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }

    /** The ScepActions payload: the "request" or "notification" object. */
    public JsonObject payload() {
      JsonObject json = json();
      return json.containsKey("request") ? json.getJsonObject("request") : json.getJsonObject("notification");
    }
  }

  private final List<Call> calls = new CopyOnWriteArrayList<>();

  void add(Call call) {
    calls.add(call);
  }

  public List<Call> all() {
    return List.copyOf(calls);
  }

  public List<Call> of(String service) {
    return calls.stream().filter(c -> c.service().equals(service)).toList();
  }

  /**
   * The ScepActions calls (validate and notifications) about one transactionID that reached the service, in order
   * (not those sent to a scale unit the tenant has left, journaled as "unknown").
   */
  public List<Call> scepActions(String transactionId) {
    return calls.stream().filter(c -> c.path().contains("/ScepActions/") && !c.service().equals("unknown"))
        .filter(c -> {
          try {
            return transactionId.equals(c.payload().getString("transactionId", null));
          } catch (RuntimeException e) {
            return false;
          }
        }).toList();
  }

  public void clear() {
    calls.clear();
  }
}
