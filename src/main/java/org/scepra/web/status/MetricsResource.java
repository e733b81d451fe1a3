package org.scepra.web.status;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.Locale;
import java.util.Map;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.ra.intune.IntuneMetrics;
import org.scepra.ra.crypto.ScepraCryptoProviders;
import org.scepra.ra.operations.Readiness;
import org.scepra.ra.operations.ScepMetrics;

/** Metrics in the Prometheus text exposition format (version 0.0.4), identical on every server. */
@Path("metrics")
@RequestScoped
public class MetricsResource {

  private ScepMetrics metrics;
  private Readiness readiness;
  private IntuneMetrics intune;
  private ScepraCryptoProviders crypto;
  private Endpoints endpoints;

  /** For the CDI proxy and JAX-RS, which requires a public constructor it can call. */
  public MetricsResource() {}

  @Inject
  public MetricsResource(ScepMetrics metrics, Readiness readiness, IntuneMetrics intune,
      ScepraCryptoProviders crypto, Endpoints endpoints) {
    this.metrics = metrics;
    this.readiness = readiness;
    this.intune = intune;
    this.crypto = crypto;
    this.endpoints = endpoints;
  }

  @GET
  @Produces("text/plain; version=0.0.4; charset=utf-8")
  public String scrape() {
    StringBuilder out = new StringBuilder();
    out.append("# HELP scepra_pki_operations_total PKIOperation answers by endpoint, message type and outcome.\n")
        .append("# TYPE scepra_pki_operations_total counter\n");
    metrics.outcomes().forEach((labels, count) -> out.append("scepra_pki_operations_total{alias=\"")
        .append(labels.alias()).append("\",message_type=\"").append(labels.messageType()).append("\",outcome=\"")
        .append(labels.outcome()).append("\"} ").append(count).append('\n'));
    out.append("# HELP scepra_pki_operation_seconds PKIOperation latency, decoding to answer.\n")
        .append("# TYPE scepra_pki_operation_seconds histogram\n");
    for (Map.Entry<String, ScepMetrics.Latency> entry : metrics.latencies().entrySet()) {
      String alias = entry.getKey();
      ScepMetrics.Latency latency = entry.getValue();
      for (int i = 0; i < ScepMetrics.BUCKETS_MS.length; i++) {
        out.append("scepra_pki_operation_seconds_bucket{alias=\"").append(alias).append("\",le=\"")
            .append(String.format(Locale.ROOT, "%.3f", ScepMetrics.BUCKETS_MS[i] / 1000.0)).append("\"} ")
            .append(latency.bucket(i)).append('\n');
      }
      out.append("scepra_pki_operation_seconds_bucket{alias=\"").append(alias).append("\",le=\"+Inf\"} ")
          .append(latency.count()).append('\n');
      out.append("scepra_pki_operation_seconds_sum{alias=\"").append(alias).append("\"} ")
          .append(String.format(Locale.ROOT, "%.6f", latency.sumSeconds())).append('\n');
      out.append("scepra_pki_operation_seconds_count{alias=\"").append(alias).append("\"} ").append(latency.count())
          .append('\n');
    }
    out.append("# HELP scepra_pending_requests Requests waiting for an operator or for the CA.\n")
        .append("# TYPE scepra_pending_requests gauge\n")
        .append("scepra_pending_requests ").append(readiness.pending()).append('\n');
    intune(out);
    out.append("# HELP scepra_crypto_provider_info Who does RSA private-key operations: scepra.crypto.provider and ")
        .append("the provider it chose (jdk: the JVM's own).\n")
        .append("# TYPE scepra_crypto_provider_info gauge\n")
        .append("scepra_crypto_provider_info{setting=\"").append(crypto.setting().configValue())
        .append("\",provider=\"").append(crypto.providerName()).append("\",version=\"")
        .append(crypto.providerVersion()).append("\"} 1\n");
    CertificateExpiry.append(out, endpoints.all(), java.time.Clock.systemUTC());
    return out.toString();
  }

  /** Intune endpoints: validations by Intune's code, notifications by kind and code, revocations by result. */
  private void intune(StringBuilder out) {
    out.append("# HELP scepra_intune_validations_total Intune validateRequest calls by endpoint and Intune's code.\n")
        .append("# TYPE scepra_intune_validations_total counter\n");
    intune.counts(IntuneMetrics.VALIDATION).forEach((label, count) -> out
        .append("scepra_intune_validations_total{alias=\"").append(label.alias())
        .append("\",code=\"").append(label.outcome()).append("\"} ").append(count).append('\n'));
    out.append("# HELP scepra_intune_notifications_total Intune success and failure notifications by outcome.\n")
        .append("# TYPE scepra_intune_notifications_total counter\n");
    for (String kind : new String[] {IntuneMetrics.SUCCESS_NOTIFICATION, IntuneMetrics.FAILURE_NOTIFICATION}) {
      intune.counts(kind).forEach((label, count) -> out
          .append("scepra_intune_notifications_total{alias=\"").append(label.alias())
          .append("\",notification=\"").append(kind).append("\",code=\"").append(label.outcome()).append("\"} ")
          .append(count).append('\n'));
    }
    out.append("# HELP scepra_intune_revocations_total Revocations Intune requested, by result reported.\n")
        .append("# TYPE scepra_intune_revocations_total counter\n");
    intune.counts(IntuneMetrics.REVOCATION).forEach((label, count) -> out
        .append("scepra_intune_revocations_total{alias=\"").append(label.alias())
        .append("\",outcome=\"").append(label.outcome()).append("\"} ").append(count).append('\n'));
  }
}
