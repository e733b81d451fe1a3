package org.scepra.spi;

import java.security.cert.X509Certificate;

/** Optional: revokes a certificate on an operator's request. */
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
