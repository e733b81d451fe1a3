package org.scepra.ra.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.PkiRequest;
import org.scepra.protocol.ScepFailureException;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.transaction.CertificateRepository;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.ra.transaction.TransactionRecord;

/**
 * Answers a request from what is recorded about its transaction: the issued certificate
 * (re-wrapped for whoever asks now), the recorded FAILURE, or PENDING.
 */
@ApplicationScoped
public class TransactionReplies {

  private CertificateRepository certificates;
  private ScepOutcomes outcomes;

  /** For the CDI proxy only. */
  protected TransactionReplies() {}

  @Inject
  public TransactionReplies(CertificateRepository certificates, ScepOutcomes outcomes) {
    this.certificates = certificates;
    this.outcomes = outcomes;
  }

  public byte[] reply(Endpoint endpoint, PkiRequest request, TransactionRecord record, String authorization)
      throws ScepFailureException {
    return reply(endpoint, request, new Issuance.Settled(record, null), authorization);
  }

  /** As {@link #reply(Endpoint, PkiRequest, TransactionRecord, String)}, with a certificate issued just now. */
  public byte[] reply(Endpoint endpoint, PkiRequest request, Issuance.Settled settled, String authorization)
      throws ScepFailureException {
    TransactionRecord record = settled.record();
    return switch (record.status()) {
      case ISSUED -> outcomes.certificates(endpoint, request, record.subject(), authorization,
          withChain(endpoint, settled.certificate() != null ? settled.certificate() : issuedCertificate(record)));
      case REJECTED -> outcomes.failure(endpoint, request.header(), record.subject(), authorization,
          FailInfo.valueOf(record.failInfo()), record.failText());
      case IN_PROGRESS, AWAITING_APPROVAL, PENDING_CA ->
          outcomes.pending(endpoint, request.header(), record.subject(), authorization);
    };
  }

  /** The certificate and, after it, the CA chain (clients that build chains want it). */
  public static List<X509Certificate> withChain(Endpoint endpoint, X509Certificate certificate) {
    List<X509Certificate> all = new ArrayList<>();
    all.add(certificate);
    try {
      all.addAll(endpoint.backend().caChain(endpoint.alias()));
    } catch (RuntimeException e) {
      // The certificate alone is still a complete answer; the chain is a convenience.
    }
    return all;
  }

  private X509Certificate issuedCertificate(TransactionRecord record) {
    IssuedCertificate issued = certificates.findBySerial(record.serialHex()).stream()
        .filter(c -> c.issuerDn().equals(record.issuerDn()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("transaction " + record.transactionId()
            + " is ISSUED but its certificate is not recorded"));
    return parse(issued.der());
  }

  public static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalStateException("recorded certificate is unreadable", e);
    }
  }
}
