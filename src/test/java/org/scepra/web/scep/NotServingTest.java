package org.scepra.web.scep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scepra.ra.endpoint.EndpointState;

/** Retry-After of an endpoint that is not serving: until its next attempt, never less than 5 s. */
class NotServingTest {
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @ParameterizedTest(name = "next attempt in {0} s: Retry-After {1}")
  @CsvSource({"40, 41", "0, 5", "-3, 5", "3, 5", "59, 60", "300, 301"})
  void untilTheNextAttempt(long inSeconds, long retryAfter) {
    EndpointState.Unavailable state = new EndpointState.Unavailable("the CA is down", NOW,
        Optional.of(NOW.plusSeconds(inSeconds)));

    assertEquals(retryAfter, NotServing.retryAfterSeconds(state, NOW));
  }

  @ParameterizedTest
  @CsvSource({"the CA cannot issue at once"})
  void aMinuteWhenNoAttemptIsPlanned(String reason) {
    assertEquals(60, NotServing.retryAfterSeconds(new EndpointState.Unavailable(reason, NOW, Optional.empty()), NOW));
  }
}
