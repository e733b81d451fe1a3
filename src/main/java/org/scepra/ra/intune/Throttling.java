package org.scepra.ra.intune;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Microsoft's services answer HTTP 429 (or 503 with {@code Retry-After}) when a tenant calls too often, and say
 * when to come back. Such an answer means the call was not acted on, so it may be sent again once that time has
 * passed. The quiet window is kept per service (host, port and first path segment), so that no other call of
 * the endpoint is sent into it either: retrying early only prolongs Microsoft's throttling.
 */
final class Throttling {
  /** Throttled answers one call takes before it gives up, whatever time is left (Retry-After: 0 loops). */
  static final int MAX_THROTTLED_ANSWERS = 4;
  /** The longest Retry-After believed; a larger one is taken as this (it fails the call anyway). */
  private static final Duration LONGEST = Duration.ofHours(1);

  private final Map<String, Long> quietUntilNanos = new ConcurrentHashMap<>();
  private final LongSupplier nanos;
  private final Clock wallClock;

  Throttling() {
    this(System::nanoTime, Clock.systemUTC());
  }

  Throttling(LongSupplier nanos, Clock wallClock) {
    this.nanos = nanos;
    this.wallClock = wallClock;
  }

  /** Whether an answer is a throttling one: 429 always, 503 only when it says when to come back. */
  static boolean throttles(int status, Optional<Duration> retryAfter) {
    return status == 429 || (status == 503 && retryAfter.isPresent());
  }

  /** The service a URI belongs to, for its quiet window: scheme, host, port and the path's first segment. */
  static String service(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    int end = path.indexOf('/', 1);
    return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + (end < 0 ? path : path.substring(0, end));
  }

  /** How long {@code service} asked not to be called any more; zero if it did not. */
  Duration remaining(String service) {
    Long until = quietUntilNanos.get(service);
    if (until == null) {
      return Duration.ZERO;
    }
    long left = until - nanos.getAsLong();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /** {@code service} throttled: it is not called for {@code wait} (a longer window already known stands). */
  void quiet(String service, Duration wait) {
    long until = nanos.getAsLong() + wait.toNanos();
    quietUntilNanos.merge(service, until, (known, fresh) -> known - fresh > 0 ? known : fresh);
  }

  /**
   * The wait a throttled answer asks for: its {@code Retry-After} (seconds, or an HTTP date), else an
   * exponential back-off of 1, 2, 4… seconds by the number of throttled answers so far.
   */
  Duration wait(Optional<Duration> retryAfter, int throttledAnswers) {
    return retryAfter.orElseGet(() -> Duration.ofSeconds(1L << Math.min(throttledAnswers - 1, 10)));
  }

  /** A {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110, 10.2.3); empty if absent or odd. */
  Optional<Duration> retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    Duration wait;
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        wait = Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        wait = LONGEST;
      }
    } else {
      try {
        wait = Duration.between(wallClock.instant(),
            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
      wait = wait.isNegative() ? Duration.ZERO : wait;
    }
    return Optional.of(wait.compareTo(LONGEST) > 0 ? LONGEST : wait);
  }
}
