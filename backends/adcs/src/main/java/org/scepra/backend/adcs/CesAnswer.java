package org.scepra.backend.adcs;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What CES answered a RequestSecurityToken with ([MS-WSTEP] 3.1.4.2.1.1, 3.1.4.2.1.2). */
sealed interface CesAnswer {

  /**
   * The certificate, from the RequestedSecurityToken, and the CA chain from the CMC full PKI
   * response beside it (issuing CA first; empty if the answer carried none).
   */
  record Issued(X509Certificate certificate, List<X509Certificate> chain, String requestId) implements CesAnswer {
    public Issued {
      Objects.requireNonNull(certificate, "certificate");
      chain = List.copyOf(chain);
      Objects.requireNonNull(requestId, "requestId");
    }
  }

  /** The CA holds the request (CA manager approval); ask again with QueryTokenStatus. */
  record Pending(String requestId, String disposition) implements CesAnswer {
    public Pending {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(disposition, "disposition");
    }
  }

  /**
   * A SOAP fault. {@code errorCode} is the CA's HRESULT from CertificateEnrollmentWSDetail (empty
   * for faults without it, e.g. a failed UsernameToken); {@code reason} is CES's own text, for the
   * log only.
   */
  record Fault(Optional<Integer> errorCode, Optional<String> requestId, boolean invalidRequest, String code,
      String reason) implements CesAnswer {
    public Fault {
      Objects.requireNonNull(errorCode, "errorCode");
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
    }

    /** The HRESULT as AD CS prints it, e.g. {@code 0x80094800}. */
    Optional<String> hresult() {
      return errorCode.map(Hresults::hex);
    }
  }
}
