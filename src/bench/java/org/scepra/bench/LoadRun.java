package org.scepra.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * POSTs pre-built requests from {@code concurrency} threads, each over its own keep-alive
 * connection, and times the window from the first request to the last answer. Answers are only
 * stored here; reading them (which costs the client a decryption each) happens after the window.
 */
final class LoadRun {

  /** What one run measured. {@code answers[i]} is null when request i got no HTTP answer. */
  record Measured(int concurrency, long wallNanos, long serverCpuMillis, long[] latencyNanos,
      KeepAliveClient.Response[] answers, Map<String, Long> cpuByThread) {}

  private LoadRun() {}

  static Measured run(Target target, List<Messages.Request> requests, int concurrency) throws InterruptedException {
    int n = requests.size();
    long[] latency = new long[n];
    KeepAliveClient.Response[] answers = new KeepAliveClient.Response[n];
    AtomicInteger next = new AtomicInteger();
    CountDownLatch connected = new CountDownLatch(concurrency);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    String path = target.path("operation=PKIOperation");
    for (int t = 0; t < concurrency; t++) {
      Thread thread = new Thread(() -> {
        try (KeepAliveClient client = new KeepAliveClient(target.url())) {
          try {
            client.get(target.path("operation=GetCACaps")); // opens the connection before the window
          } catch (IOException e) {
            client.close();
          }
          connected.countDown();
          start.await();
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            long begin = System.nanoTime();
            try {
              answers[i] = client.post(path, "application/x-pki-message", requests.get(i).body());
            } catch (IOException e) {
              client.close(); // answers[i] stays null: counted as an I/O failure
            }
            latency[i] = System.nanoTime() - begin;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "load-" + t);
      workers.add(thread);
      thread.start();
    }
    connected.await();
    boolean threads = Boolean.getBoolean("bench.threads");
    Map<String, Long> byThread = threads ? ProcessCpu.byThreadName(target.pid()) : new TreeMap<>();
    long cpuBefore = ProcessCpu.millis(target.pid());
    long begin = System.nanoTime();
    start.countDown();
    for (Thread thread : workers) {
      thread.join();
    }
    long wall = System.nanoTime() - begin;
    long cpu = ProcessCpu.millis(target.pid()) - cpuBefore;
    if (threads) {
      Map<String, Long> before = byThread;
      byThread = new TreeMap<>(ProcessCpu.byThreadName(target.pid()));
      byThread.replaceAll((name, after) -> after - before.getOrDefault(name, 0L));
      byThread.values().removeIf(ms -> ms <= 0);
    }
    return new Measured(concurrency, wall, cpu, latency, answers, byThread);
  }
}
