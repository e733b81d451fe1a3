package org.scepra.web.status;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.scepra.ra.endpoint.Endpoint;

/**
 * The expiry gauges: seconds until each endpoint's RA certificates and CA chain expire (negative once expired), so
 * that an alert fires long before enrollments fail.
 */
final class CertificateExpiry {

  private CertificateExpiry() {}

  static void append(StringBuilder out, Collection<Endpoint> endpoints, Clock clock) {
    out.append("# HELP scepra_ra_certificate_expiry_seconds Seconds until an endpoint's RA certificate expires ")
        .append("(usage signing or encryption; negative once expired).\n")
        .append("# TYPE scepra_ra_certificate_expiry_seconds gauge\n");
    for (Endpoint endpoint : endpoints) {
      List<X509Certificate> ra = endpoint.raCertificates(); // encryption, then signing
      if (ra.size() == 2) {
        line(out, "scepra_ra_certificate_expiry_seconds", endpoint.alias(), "usage", "encryption", ra.get(0), clock);
        line(out, "scepra_ra_certificate_expiry_seconds", endpoint.alias(), "usage", "signing", ra.get(1), clock);
      }
    }
    out.append("# HELP scepra_ca_certificate_expiry_seconds Seconds until a certificate of an endpoint's CA chain ")
        .append("expires (as the backend last reported it; negative once expired).\n")
        .append("# TYPE scepra_ca_certificate_expiry_seconds gauge\n");
    for (Endpoint endpoint : endpoints) {
      for (X509Certificate ca : endpoint.lastCaChain()) {
        line(out, "scepra_ca_certificate_expiry_seconds", endpoint.alias(), "subject",
            ca.getSubjectX500Principal().getName(), ca, clock);
      }
    }
  }

  private static void line(StringBuilder out, String metric, String alias, String label, String value,
      X509Certificate certificate, Clock clock) {
    long seconds = Duration.between(clock.instant(), certificate.getNotAfter().toInstant()).toSeconds();
    out.append(metric).append("{alias=\"").append(escape(alias)).append("\",").append(label).append("=\"")
        .append(escape(value)).append("\"} ").append(seconds).append('\n');
  }

  /** Prometheus label values: backslash, double quote and line feed are escaped. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
