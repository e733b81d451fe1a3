package org.scepra.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * Enrollment throughput of SCEP servers side by side (see README, "Benchmark"). For each
 * concurrency C it pre-builds N PKCSReqs per target, posts them, then reads the answers; targets
 * take turns at each C so that both see the same machine. The first target is the one the ratios
 * are about. Started by {@code src/bench/run.sh}, which starts the servers.
 *
 * <p>Arguments: targets as {@code name=url=pid}. System properties: {@code bench.n},
 * {@code bench.c} (e.g. {@code 1,2,4,8}), {@code bench.warmup} ({@code bench.warmup.<name>} for one target),
 * {@code bench.warmup-each} (untimed requests at each C first), {@code bench.keys}, {@code bench.key-file},
 * {@code bench.cipher} ({@code aes128}, {@code aes256}, {@code 3des}),
 * {@code bench.phase} and {@code bench.results} (a TSV the figures are appended to),
 * {@code bench.baseline-phase} (compare CPU per enrollment with that phase's rows), {@code bench.threads}
 * ({@code true}: also the servers' CPU time by thread name), {@code bench.checkpoints} (e.g. {@code 2000,5000,20000}:
 * during the warm-up of each target named {@code scepra…}, a measured window after that many requests),
 * {@code bench.checkpoint-c} and {@code bench.checkpoint-n} (its concurrency and size). The challenge
 * comes from the environment variable {@code BENCH_CHALLENGE}.
 */
public final class EnrollBench {

  private EnrollBench() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.getInteger("bench.n", 1000);
    int[] concurrencies = Arrays.stream(System.getProperty("bench.c", "1,2,4,8,16,64").split("[, ]+"))
        .mapToInt(Integer::parseInt).toArray();
    int warmup = Integer.getInteger("bench.warmup", 300);
    // Untimed requests at each C just before its timed run: a new concurrency takes new paths (more
    // pooled connections, more threads) that the JIT compiles again, a one-off cost, not a per-enrollment one.
    int warmupEach = Integer.getInteger("bench.warmup-each", 0);
    String phase = System.getProperty("bench.phase", "run");
    Path results = Path.of(System.getProperty("bench.results", "bench-results.tsv"));
    String challenge = System.getenv("BENCH_CHALLENGE");
    List<Target> targets = Arrays.stream(args).map(Target::parse).toList();
    if (targets.isEmpty() || challenge == null) {
      throw new IllegalArgumentException("usage: BENCH_CHALLENGE=... EnrollBench name=url=pid ...");
    }
    KeyPool keys = KeyPool.load(Path.of(System.getProperty("bench.key-file", "bench-keys.ser")),
        Math.max(1, Integer.getInteger("bench.keys", n)));
    ASN1ObjectIdentifier cipher = cipher(System.getProperty("bench.cipher", "aes128"));

    Map<Target, X509Certificate> recipients = new LinkedHashMap<>();
    Map<Target, Set<BigInteger>> serials = new HashMap<>();
    for (Target target : targets) {
      try (KeepAliveClient client = new KeepAliveClient(target.url())) {
        KeepAliveClient.Response ca = client.get(target.path("operation=GetCACert"));
        recipients.put(target, Messages.recipient(ca.body()));
      }
      serials.put(target, new HashSet<>());
    }
    String runLabel = Long.toString(System.currentTimeMillis(), 36);
    Report report = new Report(targets, phase, results);
    WarmUpCheckpoints checkpoints = WarmUpCheckpoints.fromProperties();
    for (Target target : targets) {
      int count = Integer.getInteger("bench.warmup." + target.name(), warmup);
      List<Integer> at = target.name().startsWith("scepra") ? checkpoints.positions(count) : List.of();
      if (count > 0) {
        List<Messages.Request> requests = Messages.pkcsReqs(count, "warm-" + runLabel, recipients.get(target), keys,
            challenge, cipher);
        Supplier<List<Messages.Request>> window = () -> Messages.pkcsReqs(checkpoints.n(),
            "checkpoint-" + runLabel + "-" + System.nanoTime(), recipients.get(target), keys, challenge, cipher);
        warmUp(target, requests, concurrencies, serials.get(target), at, window, checkpoints, report);
      }
    }
    report.header();
    for (int c : concurrencies) {
      for (Target target : targets) {
        if (warmupEach > 0) {
          List<Messages.Request> warmRequests = Messages.pkcsReqs(warmupEach, "warm-" + runLabel + "-c" + c,
              recipients.get(target), keys, challenge, cipher);
          Outcomes warm = Outcomes.of(LoadRun.run(target, warmRequests, c), warmRequests, serials.get(target));
          if (!warm.failures().isEmpty()) {
            System.out.printf("warm-up %-9s %d requests at C=%d: failures %s%n", target.name(), warmupEach, c,
                warm.failures());
          }
        }
        List<Messages.Request> requests = Messages.pkcsReqs(n, runLabel + "-c" + c, recipients.get(target), keys,
            challenge, cipher);
        Thread.sleep(500); // let the build's garbage collection and the server settle
        long clientCpu = ProcessCpu.millis(ProcessHandle.current().pid());
        LoadRun.Measured measured = LoadRun.run(target, requests, c);
        clientCpu = ProcessCpu.millis(ProcessHandle.current().pid()) - clientCpu;
        report.row(target, Outcomes.of(measured, requests, serials.get(target)), clientCpu, measured.cpuByThread());
      }
    }
    report.summary();
    String baseline = System.getProperty("bench.baseline-phase");
    if (baseline != null) {
      report.compareWith(baseline);
    }
  }

  /**
   * The warm-up, in equal parts at each timed concurrency in turn, twice over. A JVM server's JIT compiles again when
   * the concurrency changes (more pooled connections, threads, contention): warmed with 20,000-40,000 requests at
   * C = 2 only, scepra's compiler threads took 0.4-0.8 ms per enrollment during the first timed C = 8 in six runs;
   * warmed so, 0.13 and 0.04 ms in two.
   */
  private static void warmUp(Target target, List<Messages.Request> requests, int[] concurrencies,
      Set<BigInteger> serials, List<Integer> checkpoints, Supplier<List<Messages.Request>> window,
      WarmUpCheckpoints settings, Report report) throws InterruptedException {
    int parts = 2 * concurrencies.length;
    int issued = 0;
    Map<String, Integer> failures = new TreeMap<>();
    // The parts' bounds, cut again at each checkpoint, where a measured window follows.
    java.util.TreeSet<Integer> bounds = new java.util.TreeSet<>(checkpoints);
    for (int k = 0; k <= parts; k++) {
      bounds.add(k * requests.size() / parts);
    }
    Integer from = bounds.pollFirst();
    for (Integer to : bounds) {
      List<Messages.Request> part = requests.subList(from, to);
      int c = concurrencies[Math.min(parts - 1, from * parts / requests.size()) % concurrencies.length];
      Outcomes outcomes = Outcomes.of(LoadRun.run(target, part, c), part, serials);
      issued += outcomes.issued();
      outcomes.failures().forEach((failure, count) -> failures.merge(failure, count, Integer::sum));
      if (checkpoints.contains(to)) {
        report.checkpoint(target, settings.answeredBefore(to), settings.measure(target, serials, window));
      }
      from = to;
    }
    System.out.printf("warm-up %-9s %d requests, at C = %s twice over: %d issued, failures %s%n", target.name(),
        requests.size(), Arrays.toString(concurrencies), issued, failures);
  }

  private static ASN1ObjectIdentifier cipher(String name) {
    return switch (name) {
      case "aes128" -> CMSAlgorithm.AES128_CBC;
      case "aes256" -> CMSAlgorithm.AES256_CBC;
      case "3des" -> CMSAlgorithm.DES_EDE3_CBC;
      default -> throw new IllegalArgumentException("bench.cipher: aes128, aes256 or 3des, not " + name);
    };
  }

  static void append(Path file, String line) {
    try {
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }

  static List<String[]> read(Path file) {
    List<String[]> rows = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        rows.add(line.split("\t"));
      }
    } catch (IOException e) {
      // no earlier results
    }
    return rows;
  }
}
