package org.scepra.ra.authz;

import java.util.Objects;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.scepra.protocol.MessageType;
import org.scepra.protocol.PkiRequest;
import org.scepra.ra.endpoint.Endpoint;

/**
 * The facts an enrollment is authorized from.
 *
 * @param clientAddress the peer's address as the server sees it (for brute-force limits)
 */
public record EnrollmentContext(Endpoint endpoint, PkiRequest request, PKCS10CertificationRequest csr,
    String clientAddress) {

  public EnrollmentContext {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(csr, "csr");
  }

  public boolean isRenewalRequest() {
    return request.header().messageType().orElse(null) == MessageType.RENEWAL_REQ;
  }

  public AuthorizationSettings settings() {
    return endpoint.settings().authorization();
  }

  public String subject() {
    return csr.getSubject().toString();
  }
}
