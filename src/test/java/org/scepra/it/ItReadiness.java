package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One answer of {@code /status/ready}: its HTTP status, its checks, and how long it took; readiness must answer
 * within {@link #BOUND} whatever the backends do.
 */
record ItReadiness(int httpStatus, JsonObject body, long millis) {

  /**
   * The server waits at most 0.5 s for its probes; the rest is HTTP and JSON on a loaded two-core machine. Still
   * well below the backends' read timeout (3 s in the suite), which a probe that held the answer would wait.
   */
  static final Duration BOUND = Duration.ofSeconds(2);

  static ItReadiness get(URL base) {
    long start = System.nanoTime();
    ScepHttp.Response response = ScepHttp.get(base, "status/ready");
    long millis = (System.nanoTime() - start) / 1_000_000;
    JsonObject body = Json.createReader(new StringReader(response.text())).readObject();
    return new ItReadiness(response.status(), body, millis);
  }

  /**
   * Asks until {@code wanted} holds or {@code timeout} passes, asserting that every answer came within the bound.
   */
  static ItReadiness await(URL base, Predicate<ItReadiness> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ItReadiness ready = fast(base);
    while (!wanted.test(ready) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      ready = fast(base);
    }
    return ready;
  }

  /** One answer, asserted to have come within the bound. */
  static ItReadiness fast(URL base) {
    ItReadiness ready = get(base);
    assertTrue(ready.millis() < BOUND.toMillis(), () -> "/status/ready took " + ready.millis() + " ms: " + ready);
    return ready;
  }

  /** UP, DOWN, or "missing". */
  String status(String check) {
    return find(check).map(c -> c.getString("status")).orElse("missing");
  }

  String detail(String check) {
    return find(check).map(c -> c.getJsonObject("data").getString("detail", "")).orElse("");
  }

  boolean up(String check) {
    return "UP".equals(status(check));
  }

  private Optional<JsonObject> find(String check) {
    return body.getJsonArray("checks").stream().map(c -> (JsonObject) c)
        .filter(c -> c.getString("name").equals(check)).findFirst();
  }

  @Override
  public String toString() {
    return httpStatus + " in " + millis + " ms: " + body;
  }
}
