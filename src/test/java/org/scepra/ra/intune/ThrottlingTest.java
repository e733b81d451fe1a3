package org.scepra.ra.intune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reading Retry-After and keeping each service's quiet window. */
class ThrottlingTest {
  final AtomicLong nanos = new AtomicLong(1_000);
  final Throttling throttling = new Throttling(nanos::get,
      Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void readsRetryAfterAsSecondsOrAsAnHttpDate() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), throttling.retryAfter("7"));
    assertEquals(Optional.of(Duration.ofSeconds(90)), throttling.retryAfter("Fri, 04 Dec 2026 10:01:30 GMT"));
    assertEquals(Optional.of(Duration.ZERO), throttling.retryAfter("Fri, 04 Dec 2026 09:59:00 GMT"), "a past date");
    assertEquals(Optional.of(Duration.ofHours(1)), throttling.retryAfter("999999999999999999999"), "capped");
    assertEquals(Optional.empty(), throttling.retryAfter(null));
    assertEquals(Optional.empty(), throttling.retryAfter("soon"));
    assertEquals(Optional.empty(), throttling.retryAfter("-5"));
  }

  @Test
  void only429OrA503WithRetryAfterIsThrottling() {
    assertTrue(Throttling.throttles(429, Optional.empty()));
    assertTrue(Throttling.throttles(503, Optional.of(Duration.ofSeconds(2))));
    assertFalse(Throttling.throttles(503, Optional.empty()), "a plain 503 is an outage: rediscovery's case");
    assertFalse(Throttling.throttles(500, Optional.of(Duration.ofSeconds(2))));
    assertFalse(Throttling.throttles(200, Optional.of(Duration.ofSeconds(2))));
  }

  @Test
  void withoutRetryAfterTheWaitDoublesFromOneSecond() {
    assertEquals(Duration.ofSeconds(1), throttling.wait(Optional.empty(), 1));
    assertEquals(Duration.ofSeconds(2), throttling.wait(Optional.empty(), 2));
    assertEquals(Duration.ofSeconds(4), throttling.wait(Optional.empty(), 3));
    assertEquals(Duration.ofSeconds(5), throttling.wait(Optional.of(Duration.ofSeconds(5)), 3));
  }

  @Test
  void aQuietWindowIsKeptPerServiceAndALongerOneStands() {
    String scaleUnit = Throttling.service(URI.create("https://fef.msua01.manage.microsoft.com:443/RACerts/x/y"));
    String graph = Throttling.service(URI.create("https://graph.microsoft.com/v1.0/servicePrincipals"));
    assertEquals("https://fef.msua01.manage.microsoft.com:443/RACerts", scaleUnit);
    assertNotEquals(scaleUnit, Throttling.service(URI.create("https://fef.msua02.manage.microsoft.com:443/RACerts/x")));

    throttling.quiet(scaleUnit, Duration.ofSeconds(10));
    throttling.quiet(scaleUnit, Duration.ofSeconds(3));
    nanos.addAndGet(Duration.ofSeconds(4).toNanos());

    assertEquals(Duration.ofSeconds(6), throttling.remaining(scaleUnit));
    assertEquals(Duration.ZERO, throttling.remaining(graph));
    nanos.addAndGet(Duration.ofSeconds(6).toNanos());
    assertEquals(Duration.ZERO, throttling.remaining(scaleUnit));
  }
}
