package org.scepra.spi;

import java.security.cert.X509Certificate;

/**
 * Optional: revokes a certificate on an operator's request ({@code POST /admin/certificates/{serial}/revoke}),
 * or on an MDM's (Intune's revocation queue). Called only for certificates scepra recorded as issued through
 * the endpoint. Must be idempotent: revoking a revoked certificate answers {@link Outcome#ALREADY_REVOKED}. A
 * {@link RuntimeException} is reported as {@link Outcome#FAILED}. A backend that cannot revoke does not implement
 * this interface, and the operator is told so (HTTP 501).
 */
public interface CertificateRevoker {

  Outcome revoke(String endpointAlias, X509Certificate certificate, Reason reason);

  /** What came of a revocation request. */
  enum Outcome {
    REVOKED,
    ALREADY_REVOKED,
    UNKNOWN_CERTIFICATE,
    /** The CA queued it for approval (EJBCA). */
    WAITING_FOR_APPROVAL,
    FAILED
  }

  /** CRLReason (RFC 5280 §5.3.1), with its code. */
  enum Reason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    CA_COMPROMISE(2),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5),
    CERTIFICATE_HOLD(6),
    PRIVILEGE_WITHDRAWN(9);

    private final int code;

    Reason(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }
}
