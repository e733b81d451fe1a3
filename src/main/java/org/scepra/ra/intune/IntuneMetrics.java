package org.scepra.ra.intune;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what Intune was asked and said, per endpoint: validations by Intune's code, notifications by kind
 * and code, revocations Intune requested by result. Kept per node (Prometheus sums the nodes).
 */
@ApplicationScoped
public class IntuneMetrics {

  /** A counter's labels: the endpoint, the call ("validation", "success", "failure", "revocation"), the outcome. */
  public record Label(String alias, String call, String outcome) {}

  public static final String VALIDATION = "validation";
  public static final String SUCCESS_NOTIFICATION = "success";
  public static final String FAILURE_NOTIFICATION = "failure";
  public static final String REVOCATION = "revocation";

  private final Map<Label, LongAdder> counts = new ConcurrentHashMap<>();

  public void validation(String alias, String code) {
    count(new Label(alias, VALIDATION, safe(code)));
  }

  /** @param kind {@link #SUCCESS_NOTIFICATION} or {@link #FAILURE_NOTIFICATION} */
  public void notification(String alias, String kind, String code) {
    count(new Label(alias, kind, safe(code)));
  }

  public void revocation(String alias, boolean succeeded) {
    count(new Label(alias, REVOCATION, succeeded ? "succeeded" : "failed"));
  }

  /** The counters of one call, sorted by endpoint and outcome. */
  public Map<Label, Long> counts(String call) {
    Map<Label, Long> snapshot = new TreeMap<>(Comparator.comparing(Label::alias).thenComparing(Label::outcome));
    counts.forEach((label, count) -> {
      if (label.call().equals(call)) {
        snapshot.put(label, count.sum());
      }
    });
    return snapshot;
  }

  private void count(Label label) {
    counts.computeIfAbsent(label, key -> new LongAdder()).increment();
  }

  /** Intune's codes are identifiers; anything else is made one, so a label never needs escaping. */
  static String safe(String code) {
    String cleaned = code.replaceAll("[^A-Za-z0-9_.-]", "_");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
  }
}
