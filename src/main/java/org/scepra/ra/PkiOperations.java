package org.scepra.ra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.MalformedMessageException;
import org.scepra.protocol.PkiMessage;
import org.scepra.protocol.PkiRequest;
import org.scepra.protocol.ScepFailureException;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.enroll.CertPolling;
import org.scepra.ra.enroll.Enrollment;
import org.scepra.ra.enroll.Retrieval;
import org.scepra.ra.operations.ScepMetrics;
import org.scepra.ra.enroll.ScepOutcomes;

/**
 * PKIOperation: decode and verify the request, route it by messageType, and always answer a
 * request that could be addressed with a signed CertRep.
 */
@ApplicationScoped
public class PkiOperations {

  private ScepMetrics metrics;
  private Enrollment enrollment;
  private CertPolling polling;
  private Retrieval retrieval;
  private ScepOutcomes outcomes;

  private static final Logger LOG = Logger.getLogger(PkiOperations.class.getName());

  /** For the CDI proxy only. */
  protected PkiOperations() {}

  /** Made when the application starts (with the proxies it holds), not by the first device's request. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {}

  @Inject
  public PkiOperations(Enrollment enrollment, CertPolling polling, Retrieval retrieval, ScepOutcomes outcomes,
      ScepMetrics metrics) {
    this.metrics = metrics;
    this.enrollment = enrollment;
    this.polling = polling;
    this.retrieval = retrieval;
    this.outcomes = outcomes;
  }

  /**
   * @return the DER CertRep
   * @throws MalformedMessageException when there is nothing to address a CertRep to (HTTP 400)
   */
  public byte[] handle(Endpoint endpoint, byte[] message, String clientAddress) throws MalformedMessageException {
    long start = System.nanoTime();
    try {
      return decodeAndRoute(endpoint, message, clientAddress);
    } finally {
      metrics.latency(endpoint.alias(), (System.nanoTime() - start) / 1000);
    }
  }

  private byte[] decodeAndRoute(Endpoint endpoint, byte[] message, String clientAddress)
      throws MalformedMessageException {
    PkiRequest request = null;
    try {
      request = endpoint.decoder().decode(message);
      return route(endpoint, request, clientAddress);
    } catch (ScepFailureException e) {
      String subject = request == null ? null : subjectOf(request.message());
      return outcomes.failure(endpoint, e.header(), subject, null, e.failInfo(), e.getMessage());
    } catch (RuntimeException e) {
      if (request == null || !DatabaseFaults.isDatabaseFault(e)) {
        throw e;
      }
      // Nothing of this request was recorded (the transaction rolled back), so the client may send it again
      // once the database is back; a signed FAILURE says so, where an HTTP 500 would say nothing.
      LOG.log(Level.WARNING, "database unavailable on endpoint " + endpoint.alias() + ": " + rootMessage(e));
      return outcomes.failure(endpoint, request.header(), subjectOf(request.message()), null, FailInfo.BAD_REQUEST,
          "the RA cannot record requests right now (database unavailable); try again later");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private byte[] route(Endpoint endpoint, PkiRequest request, String clientAddress) throws ScepFailureException {
    PkiMessage message = request.message();
    if (message instanceof PkiMessage.PkcsReq pkcsReq) {
      return enrollment.enrol(endpoint, request, pkcsReq.csr(), clientAddress);
    }
    if (message instanceof PkiMessage.RenewalReq renewalReq) {
      return enrollment.enrol(endpoint, request, renewalReq.csr(), clientAddress);
    }
    if (message instanceof PkiMessage.CertPoll) {
      return polling.poll(endpoint, request);
    }
    if (message instanceof PkiMessage.GetCert getCert) {
      return retrieval.getCert(endpoint, request, getCert.issuerAndSerial());
    }
    if (message instanceof PkiMessage.GetCrl getCrl) {
      return retrieval.getCrl(endpoint, request, getCrl.issuerAndSerial());
    }
    throw refuse(request, FailInfo.BAD_REQUEST, message.type() + " is not supported on this endpoint");
  }

  private static ScepFailureException refuse(PkiRequest request, FailInfo failInfo, String text) {
    return new ScepFailureException(request.header(), failInfo, text);
  }

  private static String subjectOf(PkiMessage message) {
    if (message instanceof PkiMessage.PkcsReq r) {
      return r.csr().getSubject().toString();
    }
    if (message instanceof PkiMessage.RenewalReq r) {
      return r.csr().getSubject().toString();
    }
    return null;
  }
}
