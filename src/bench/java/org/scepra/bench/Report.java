package org.scepra.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints each run as it ends, then the ratios; appends every row to the results TSV. */
final class Report {

  private final List<Target> targets;
  private final String phase;
  private final Path results;
  private final Map<String, Outcomes> rows = new LinkedHashMap<>();
  /** Per target, the windows measured during its warm-up: requests answered before each, and its outcome. */
  private final Map<String, Map<Integer, Outcomes>> checkpoints = new LinkedHashMap<>();

  Report(List<Target> targets, String phase, Path results) {
    this.targets = targets;
    this.phase = phase;
    this.results = results;
  }

  void header() {
    System.out.printf("%n%-13s %4s %6s %6s %9s %8s %8s %9s %9s %9s %4s  %s%n", "server", "C", "reqs", "issued",
        "enroll/s", "p50 ms", "p99 ms", "cpu/enr", "cpu/req", "client/req", "dup", "failures");
  }

  /** A window measured during the warm-up, after {@code answered} requests. */
  void checkpoint(Target target, int answered, Outcomes o) {
    checkpoints.computeIfAbsent(target.name(), k -> new java.util.TreeMap<>()).put(answered, o);
    System.out.printf(Locale.ROOT, "warm-up %s after %d requests: %d at C=%d, %.2f ms server CPU per enrollment, "
        + "%.1f enrollments/s, p99 %.1f ms, failures %s%n", target.name(), answered, o.requests(), o.concurrency(),
        o.cpuPerEnrollment(), o.perSecond(), o.p99Millis(), o.failures().isEmpty() ? "none" : o.failures());
    EnrollBench.append(results, String.join("\t", phase + "-after-" + answered, target.name(),
        Integer.toString(o.concurrency()), Integer.toString(o.requests()), Integer.toString(o.issued()),
        o.failures().toString(), Integer.toString(o.duplicateSerials()), fmt(o.perSecond()), fmt(o.p50Millis()),
        fmt(o.p99Millis()), Long.toString(o.serverCpuMillis()), fmt(o.cpuPerEnrollment())));
  }

  void row(Target target, Outcomes o, long clientCpuMillis, java.util.Map<String, Long> cpuByThread) {
    rows.put(key(target.name(), o.concurrency()), o);
    System.out.printf(Locale.ROOT, "%-13s %4d %6d %6d %9.1f %8.1f %8.1f %9.2f %9.2f %9.2f %4d  %s%n",
        target.name(), o.concurrency(), o.requests(), o.issued(), o.perSecond(), o.p50Millis(), o.p99Millis(),
        o.cpuPerEnrollment(), o.cpuPerRequest(), (double) clientCpuMillis / o.requests(), o.duplicateSerials(),
        o.failures().isEmpty() ? "none" : o.failures());
    if (!cpuByThread.isEmpty()) {
      System.out.println("          server CPU ms by thread: " + cpuByThread);
    }
    EnrollBench.append(results, String.join("\t", phase, target.name(), Integer.toString(o.concurrency()),
        Integer.toString(o.requests()), Integer.toString(o.issued()), o.failures().toString(),
        Integer.toString(o.duplicateSerials()), fmt(o.perSecond()), fmt(o.p50Millis()), fmt(o.p99Millis()),
        Long.toString(o.serverCpuMillis()), fmt(o.cpuPerEnrollment())));
  }

  /** Ratios of each target to each later one, per C; then the cost during the warm-up against the steady state. */
  void summary() {
    for (int i = 0; i < targets.size(); i++) {
      for (Target other : targets.subList(i + 1, targets.size())) {
        ratios(targets.get(i), other);
      }
    }
    for (String[] first : EnrollBench.read(results)) {
      Outcomes steady = first.length >= 12 && first[0].equals(FirstEnrollment.FIRST_PHASE + phase)
          ? rows.get(key(first[1], 1)) : null;
      if (steady != null) {
        System.out.printf(Locale.ROOT, "%s: first enrollment after ready %s ms, %.1fx the timed C=1 run's p50 (%.1f ms)%n",
            first[1], first[8], Double.parseDouble(first[8]) / steady.p50Millis(), steady.p50Millis());
      }
    }
    checkpoints.forEach((name, windows) -> windows.forEach((answered, o) -> {
      Outcomes steady = rows.get(key(name, o.concurrency()));
      if (steady != null) {
        System.out.printf(Locale.ROOT, "%s after %d requests: %.2f ms server CPU per enrollment at C=%d, %.2fx the "
            + "timed run's (%.2f ms, after the whole warm-up)%n", name, answered, o.cpuPerEnrollment(),
            o.concurrency(), o.cpuPerEnrollment() / steady.cpuPerEnrollment(), steady.cpuPerEnrollment());
      }
    }));
  }

  private void ratios(Target first, Target other) {
    System.out.printf("%nratios %s / %s (enroll/s: higher is better for %s; CPU: %s's ms per enrollment over %s's)%n",
        first.name(), other.name(), first.name(), other.name(), first.name());
    System.out.printf("%4s %10s %12s %12s%n", "C", "enroll/s", "cpu/enr", "p99");
    for (Map.Entry<String, Outcomes> entry : rows.entrySet()) {
      if (!entry.getKey().startsWith(first.name() + "@")) {
        continue;
      }
      Outcomes a = entry.getValue();
      Outcomes b = rows.get(key(other.name(), a.concurrency()));
      if (b != null) {
        System.out.printf(Locale.ROOT, "%4d %9.2fx %11.2fx %11.2fx%n", a.concurrency(), a.perSecond() / b.perSecond(),
            b.cpuPerEnrollment() / a.cpuPerEnrollment(), b.p99Millis() / a.p99Millis());
      }
    }
  }

  /** Same target and C in an earlier phase of the results file (e.g. empty database vs prefilled). */
  void compareWith(String baseline) {
    System.out.printf("%ncompared with phase %s%n", baseline);
    for (String[] old : EnrollBench.read(results)) {
      if (old.length < 12 || !old[0].equals(baseline)) {
        continue;
      }
      Outcomes now = rows.get(key(old[1], Integer.parseInt(old[2])));
      if (now != null) {
        System.out.printf(Locale.ROOT, "%s C=%s: cpu/enr %s -> %.2f ms (x%.2f), enroll/s %s -> %.1f (x%.2f)%n", old[1],
            old[2], old[11], now.cpuPerEnrollment(), now.cpuPerEnrollment() / Double.parseDouble(old[11]), old[7],
            now.perSecond(), now.perSecond() / Double.parseDouble(old[7]));
      }
    }
  }

  private static String key(String name, int concurrency) {
    return name + "@" + concurrency;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
