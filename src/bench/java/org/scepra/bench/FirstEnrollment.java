package org.scepra.bench;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.cms.CMSAlgorithm;
import org.scepra.testkit.CertRepReader;

/**
 * The first enrollment a server answers once /status/ready says UP, as a new device makes it (a new connection,
 * GetCACert, then PKIOperation), against the median of the sequential enrollments that follow on that connection.
 * The bench's own client is warmed first, without the server, so that its cold start is not counted as the server's.
 * Run right after readiness, before anything else talks to the server. Arguments: one target {@code name=url=pid};
 * {@code bench.first.steady} (default 200) enrollments for the median; {@code bench.key-file}; {@code bench.results}
 * (the first enrollment's row, phase {@code first-after-ready-<bench.phase>}, which {@link Report} compares with the timed C = 1
 * run's median: the ones right after it are not warm yet); {@code BENCH_CHALLENGE} from the environment.
 */
public final class FirstEnrollment {

  static final String FIRST_PHASE = "first-after-ready-";
  /** Rounds of the bench client's own warm-up ({@link ClientWarmUp}), against itself: about a second. */
  static final int CLIENT_WARM_UP = 300;

  private FirstEnrollment() {}

  public static void main(String[] args) throws Exception {
    Target target = Target.parse(args[0]);
    int steady = Integer.getInteger("bench.first.steady", 200);
    String challenge = System.getenv("BENCH_CHALLENGE");
    KeyPool keys = KeyPool.load(Path.of(System.getProperty("bench.key-file", "bench-keys.ser")), steady + 1);
    String label = "first-" + Long.toString(System.currentTimeMillis(), 36);
    ClientWarmUp.run(CLIENT_WARM_UP, 4000, 3000); // a PKCSReq and a CertRep are about this large
    try (KeepAliveClient client = new KeepAliveClient(target.url())) {
      long begin = System.nanoTime();
      KeepAliveClient.Response ca = client.get(target.path("operation=GetCACert"));
      double getCaCertMs = (System.nanoTime() - begin) / 1e6;
      X509Certificate recipient = Messages.recipient(ca.body());
      List<Messages.Request> requests = Messages.pkcsReqs(steady + 1, label, recipient, keys, challenge,
          CMSAlgorithm.AES128_CBC);
      double[] millis = new double[requests.size()];
      for (int i = 0; i < requests.size(); i++) {
        long start = System.nanoTime();
        KeepAliveClient.Response answer = client.post(target.path("operation=PKIOperation"),
            "application/x-pki-message", requests.get(i).body());
        millis[i] = (System.nanoTime() - start) / 1e6;
        String status = answer.status() == 200
            ? CertRepReader.read(answer.body(), requests.get(i).key().getPrivate()).pkiStatus() : "HTTP " + answer.status();
        if (!"0".equals(status)) {
          throw new IllegalStateException("enrollment " + i + " was not issued: pkiStatus " + status);
        }
      }
      double[] rest = Arrays.copyOfRange(millis, 1, millis.length);
      Arrays.sort(rest);
      double median = rest[rest.length / 2];
      System.out.printf(Locale.ROOT, "first enrollment after ready, %s: GetCACert %.1f ms, PKIOperation %.1f ms; "
          + "median of the next %d: %.1f ms; first / median %.1fx%n", target.name(), getCaCertMs, millis[0],
          rest.length, median, millis[0] / median);
      String first = String.format(Locale.ROOT, "%.2f", millis[0]);
      EnrollBench.append(Path.of(System.getProperty("bench.results", "bench-results.tsv")), String.join("\t",
          FIRST_PHASE + System.getProperty("bench.phase", "run"), target.name(), "1", "1", "1", "{}", "0", "0", first, first, "0", "0"));
    }
  }
}
