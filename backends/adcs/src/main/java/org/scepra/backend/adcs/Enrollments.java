package org.scepra.backend.adcs;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.IssueResult.Reason;
import org.scepra.spi.IssueResult.Rejected;

/**
 * Submits a request to AD CS through CES with the template of its profile, and asks again for a
 * request the CA holds for a CA manager's approval (QueryTokenStatus by RequestID, which CES
 * answers with the same certificate however often it is asked). A call that gets no answer leaves a
 * pending request pending: it has not been refused.
 */
final class Enrollments {

  static final Rejected UNREACHABLE = new Rejected(Reason.CA_UNAVAILABLE, Hresults.UNAVAILABLE);
  static final Rejected WRONG_KEY = new Rejected(Reason.CA_UNAVAILABLE, Hresults.NOT_COMPLETED);

  private Enrollments() {}

  static IssueResult issue(AdcsEndpoint endpoint, IssueRequest request) {
    String profile = request.profile().name();
    Optional<String> template = endpoint.settings().templates().forProfile(profile);
    if (template.isEmpty()) {
      String key = AdcsConfigReader.key(endpoint.alias(), Templates.KEY + "." + profile);
      AdcsLog.error("AD CS endpoint {0} transaction {1}: {2} is not set", endpoint.alias(), request.transactionId(), key);
      return new Rejected(Reason.CA_UNAVAILABLE, key + " is not set");
    }
    CesAnswer answer;
    try {
      answer = endpoint.ces().issue(request.csr().getEncoded(), template.get());
    } catch (CesCallException e) {
      AdcsLog.failed(endpoint.alias(), request.transactionId(), "Issue " + template.get(), e);
      return UNREACHABLE;
    } catch (IOException e) {
      return new Rejected(Reason.BAD_REQUEST, "the request cannot be encoded");
    }
    return settle(endpoint, request, answer, "Issue " + template.get());
  }

  static IssueResult poll(AdcsEndpoint endpoint, IssueRequest request, String requestId) {
    CesAnswer answer;
    try {
      answer = endpoint.ces().queryTokenStatus(requestId);
    } catch (CesCallException e) {
      AdcsLog.failed(endpoint.alias(), request.transactionId(), "QueryTokenStatus " + requestId, e);
      return new IssueResult.Pending(requestId);
    }
    return settle(endpoint, request, answer, "QueryTokenStatus " + requestId);
  }

  private static IssueResult settle(AdcsEndpoint endpoint, IssueRequest request, CesAnswer answer, String operation) {
    if (answer instanceof CesAnswer.Issued issued) {
      return issued(endpoint, request, issued);
    }
    if (answer instanceof CesAnswer.Pending pending) {
      AdcsLog.info("AD CS endpoint {0} transaction {1}: request {2} pending ({3})", endpoint.alias(),
          request.transactionId(), pending.requestId(), pending.disposition());
      return new IssueResult.Pending(pending.requestId());
    }
    CesAnswer.Fault fault = (CesAnswer.Fault) answer;
    AdcsLog.fault(endpoint.alias(), request.transactionId(), operation, fault);
    return Hresults.rejected(fault);
  }

  private static IssueResult issued(AdcsEndpoint endpoint, IssueRequest request, CesAnswer.Issued issued) {
    X509Certificate certificate = issued.certificate();
    if (!samePublicKey(certificate, request)) {
      // the device could not use it; AD CS never does this for a PKCS#10 request
      AdcsLog.error("AD CS endpoint {0} transaction {1}: request {2} came back with a certificate for another key",
          endpoint.alias(), request.transactionId(), issued.requestId());
      return WRONG_KEY;
    }
    endpoint.chain().learn(issued.chain());
    AdcsLog.info("AD CS endpoint {0} transaction {1}: request {2} issued, serial {3}", endpoint.alias(),
        request.transactionId(), issued.requestId(), certificate.getSerialNumber().toString(16));
    return new IssueResult.Issued(certificate,
        issued.chain().isEmpty() ? endpoint.chain().getOrEmpty() : issued.chain());
  }

  private static boolean samePublicKey(X509Certificate certificate, IssueRequest request) {
    try {
      return Arrays.equals(certificate.getPublicKey().getEncoded(), request.csr().getSubjectPublicKeyInfo().getEncoded());
    } catch (IOException e) {
      return false;
    }
  }
}
