package org.scepra.ra.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scepra.ra.identity.RaIdentityUnavailable.Retry;

class BackoffTest {

  @ParameterizedTest(name = "failure {0}, {1}: {2} s")
  @CsvSource({
    "1, SOON, 5", "2, SOON, 10", "3, SOON, 20", "4, SOON, 40", "5, SOON, 60", "6, SOON, 60", "1000, SOON, 60",
    "1, LATER, 300", "7, LATER, 300"})
  void doublesUpToTheCap(int failures, Retry retry, long seconds) {
    assertEquals(Optional.of(Duration.ofSeconds(seconds)), Backoff.DEFAULT.delay(failures, retry));
  }

  @ParameterizedTest
  @CsvSource({"1", "9"})
  void neverMeansNoNextAttempt(int failures) {
    assertEquals(Optional.empty(), Backoff.DEFAULT.delay(failures, Retry.NEVER));
  }
}
