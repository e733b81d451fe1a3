package org.scepra.ra.operations;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One named thing readiness looks at. Probes run in the background, in parallel and each at most once at a time;
 * {@code /status/ready} shows their last result, so a probe may block (bounded by its own timeouts) without holding
 * up the answer. To add checks, see {@link ReadinessProbes}.
 */
public interface ReadinessProbe {

  /** Unique among all probes, e.g. {@code database} or {@code backend:lab:ejbca}. */
  String name();

  /** Looks now; a thrown exception counts as DOWN. */
  Outcome probe();

  /**
   * Whether the probe only reads state in memory, never blocking: it then runs on every answer, in the answering
   * thread, so that a change (an endpoint that starts serving) shows at once rather than after the cache time.
   */
  default boolean instant() {
    return false;
  }

  /**
   * @param detail a short text for operators; never a secret or a configuration value that is one
   */
  record Outcome(boolean up, String detail) {
    public Outcome {
      Objects.requireNonNull(detail, "detail");
    }

    public static Outcome up(String detail) {
      return new Outcome(true, detail);
    }

    public static Outcome down(String detail) {
      return new Outcome(false, detail);
    }
  }

  /** A probe that may block: it runs in the background. */
  static ReadinessProbe of(String name, Supplier<Outcome> probe) {
    return of(name, probe, false);
  }

  /** A probe that only reads state in memory (see {@link #instant()}). */
  static ReadinessProbe instant(String name, Supplier<Outcome> probe) {
    return of(name, probe, true);
  }

  private static ReadinessProbe of(String name, Supplier<Outcome> probe, boolean instant) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(probe, "probe");
    return new ReadinessProbe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Outcome probe() {
        return probe.get();
      }

      @Override
      public boolean instant() {
        return instant;
      }
    };
  }
}
