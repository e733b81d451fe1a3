package org.scepra.ra.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.scepra.protocol.CsrAttributes;
import org.scepra.protocol.DegenerateSignedData;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.PkiRequest;
import org.scepra.protocol.ScepFailureException;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/**
 * PKCSReq: authorize by the endpoint's static challenge, hand the request to the endpoint's
 * backend, and answer SUCCESS, PENDING or FAILURE.
 */
@ApplicationScoped
public class Enrollment {

  private ScepOutcomes outcomes;

  /** For the CDI proxy only. */
  protected Enrollment() {}

  @Inject
  public Enrollment(ScepOutcomes outcomes) {
    this.outcomes = outcomes;
  }

  public byte[] enrol(Endpoint endpoint, PkiRequest request, PKCS10CertificationRequest csr) throws ScepFailureException {
    String subject = csr.getSubject().toString();
    if (!ChallengeVerifier.matches(endpoint.settings().challenge(), CsrAttributes.challengePassword(csr))) {
      return outcomes.failure(endpoint, request.header(), subject, "challenge", FailInfo.BAD_REQUEST,
          "the challenge password is missing or wrong");
    }
    IssueResult result;
    try {
      result = endpoint.backend().issue(new IssueRequest(
          endpoint.alias(), request.transactionId().value(), csr, Profiles.generalPurpose(endpoint.settings())));
    } catch (RuntimeException e) {
      result = new IssueResult.Rejected(IssueResult.Reason.CA_UNAVAILABLE, "the CA is unavailable, try again later");
    }
    if (result instanceof IssueResult.Issued issued) {
      List<X509Certificate> certificates = new ArrayList<>();
      certificates.add(issued.certificate());
      certificates.addAll(issued.chain());
      byte[] reply = endpoint.encoder().success(request, DegenerateSignedData.ofCertificates(certificates));
      outcomes.issued(endpoint, request.header(), subject, "challenge", issued.certificate());
      return reply;
    }
    if (result instanceof IssueResult.Pending) {
      return outcomes.pending(endpoint, request.header(), subject, "challenge");
    }
    IssueResult.Rejected rejected = (IssueResult.Rejected) result;
    FailInfo failInfo = rejected.reason() == IssueResult.Reason.BAD_ALGORITHM ? FailInfo.BAD_ALG : FailInfo.BAD_REQUEST;
    return outcomes.failure(endpoint, request.header(), subject, "challenge", failInfo, rejected.message());
  }
}
