package org.scepra.bench;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.scepra.testkit.CertRepReader;

/** Reads a run's answers after the window: successes, failures by failInfo, serials, latencies. */
record Outcomes(int concurrency, int requests, int issued, Map<String, Integer> failures, int duplicateSerials,
    double perSecond, double p50Millis, double p99Millis, long serverCpuMillis) {

  private static final String[] FAIL_INFO = {"badAlg", "badMessageCheck", "badRequest", "badTime", "badCertId"};

  /**
   * @param seenSerials serials this target issued in earlier runs; this run's are added
   */
  static Outcomes of(LoadRun.Measured measured, List<Messages.Request> requests, Set<BigInteger> seenSerials) {
    Map<String, Integer> failures = new TreeMap<>();
    int issued = 0;
    int duplicates = 0;
    for (int i = 0; i < requests.size(); i++) {
      KeepAliveClient.Response answer = measured.answers()[i];
      String failure;
      if (answer == null) {
        failure = "no answer (I/O error)";
      } else if (answer.status() != 200) {
        failure = "HTTP " + answer.status();
      } else {
        failure = null;
        try {
          CertRepReader.CertRep rep = CertRepReader.read(answer.body(), requests.get(i).key().getPrivate());
          switch (rep.pkiStatus()) {
            case "0" -> {
              X509Certificate issuedCert = issuedTo(rep, requests.get(i));
              if (issuedCert == null) {
                failure = "SUCCESS without the requester's certificate";
              } else {
                issued++;
                if (!seenSerials.add(issuedCert.getSerialNumber())) {
                  duplicates++;
                }
              }
            }
            case "3" -> failure = "PENDING";
            default -> failure = failInfoName(rep.failInfo());
          }
        } catch (AssertionError | RuntimeException e) {
          failure = "unreadable CertRep";
        }
      }
      if (failure != null) {
        failures.merge(failure, 1, Integer::sum);
      }
    }
    long[] sorted = measured.latencyNanos().clone();
    Arrays.sort(sorted);
    double seconds = measured.wallNanos() / 1e9;
    return new Outcomes(measured.concurrency(), requests.size(), issued, failures, duplicates, issued / seconds,
        percentile(sorted, 0.50), percentile(sorted, 0.99), measured.serverCpuMillis());
  }

  double cpuPerEnrollment() {
    return issued == 0 ? Double.NaN : (double) serverCpuMillis / issued;
  }

  double cpuPerRequest() {
    return (double) serverCpuMillis / requests;
  }

  private static X509Certificate issuedTo(CertRepReader.CertRep rep, Messages.Request request) {
    return rep.certificates().stream()
        .filter(c -> c.getPublicKey().equals(request.key().getPublic()))
        .findFirst()
        .orElse(null);
  }

  private static String failInfoName(String code) {
    try {
      int i = Integer.parseInt(code);
      return "FAILURE " + (i >= 0 && i < FAIL_INFO.length ? FAIL_INFO[i] : code);
    } catch (NumberFormatException | NullPointerException e) {
      return "FAILURE " + code;
    }
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }
}
