package org.scepra.spi;

import java.util.Objects;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * An authorized request handed to a backend.
 *
 * @param endpointAlias the SCEP endpoint the request came through
 * @param transactionId the SCEP transactionID (unique per endpoint)
 * @param csr the requester's PKCS#10 request, its self-signature already verified
 * @param profile what kind of certificate the RA decided to issue
 */
public record IssueRequest(
    String endpointAlias, String transactionId, PKCS10CertificationRequest csr, CertificateProfile profile) {

  public IssueRequest {
    Objects.requireNonNull(endpointAlias, "endpointAlias");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(csr, "csr");
    Objects.requireNonNull(profile, "profile");
  }
}
