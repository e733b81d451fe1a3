package org.scepra.ra.operations;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * In-process counters for operators: PKIOperation outcomes by endpoint and message type, and
 * PKIOperation latency as a histogram. Kept per node (Prometheus sums the nodes).
 */
@ApplicationScoped
public class ScepMetrics {
  /** Latency bucket upper bounds, in milliseconds. */
  public static final long[] BUCKETS_MS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000};

  /** A counter's labels. */
  public record Outcome(String alias, String messageType, String outcome) {}

  /** One endpoint's latency histogram: cumulative bucket counts, count and sum. */
  public static final class Latency {
    final LongAdder[] buckets = new LongAdder[BUCKETS_MS.length];
    final LongAdder count = new LongAdder();
    final LongAdder sumMicros = new LongAdder();

    Latency() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void record(long micros) {
      count.increment();
      sumMicros.add(micros);
      for (int i = 0; i < BUCKETS_MS.length; i++) {
        if (micros <= BUCKETS_MS[i] * 1000) {
          buckets[i].increment();
        }
      }
    }

    public long bucket(int index) {
      return buckets[index].sum();
    }

    public long count() {
      return count.sum();
    }

    public double sumSeconds() {
      return sumMicros.sum() / 1_000_000.0;
    }
  }

  private final Map<Outcome, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Latency> latencies = new ConcurrentHashMap<>();

  public void outcome(String alias, String messageType, String outcome) {
    outcomes.computeIfAbsent(new Outcome(alias, messageType, outcome), k -> new LongAdder()).increment();
  }

  public void latency(String alias, long micros) {
    latencies.computeIfAbsent(alias, k -> new Latency()).record(micros);
  }

  public Map<Outcome, Long> outcomes() {
    Map<Outcome, Long> snapshot = new java.util.TreeMap<>(
        java.util.Comparator.comparing(Outcome::alias).thenComparing(Outcome::messageType).thenComparing(Outcome::outcome));
    outcomes.forEach((k, v) -> snapshot.put(k, v.sum()));
    return snapshot;
  }

  public Map<String, Latency> latencies() {
    return new java.util.TreeMap<>(latencies);
  }
}
