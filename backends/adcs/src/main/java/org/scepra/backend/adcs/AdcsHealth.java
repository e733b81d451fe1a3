package org.scepra.backend.adcs;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.scepra.spi.BackendHealth;

/**
 * One cheap call: QueryTokenStatus for RequestID {@value #PROBE_REQUEST_ID}, which no CA has
 * (AD CS numbers requests from 1). A CA that looks it up and answers with an HRESULT of its own
 * (CERTSRV_E_NO_REQUEST, or any other) proves TLS, scepra's credential and the CA's presence,
 * without submitting anything; a fault without an HRESULT means CES refused the credential, and the
 * CA's "unavailable" or "access denied" HRESULTs mean what they say. The CA chain must be known
 * too, or GetCACert cannot be answered.
 */
final class AdcsHealth {

  static final String PROBE_REQUEST_ID = "0";
  private static final Set<Integer> DOWN = Set.of(Hresults.RPC_S_SERVER_UNAVAILABLE, Hresults.CERTSRV_E_SERVER_SUSPENDED,
      Hresults.CERTSRV_E_NO_DB_SESSIONS, Hresults.E_ACCESSDENIED, Hresults.CERTSRV_E_ENROLL_DENIED);

  private AdcsHealth() {}

  static BackendHealth probe(AdcsEndpoint endpoint) {
    String where = "CES at " + endpoint.ces().url();
    CesAnswer answer;
    try {
      answer = endpoint.ces().queryTokenStatus(PROBE_REQUEST_ID);
    } catch (CesCallException e) {
      return BackendHealth.down(e.getMessage());
    }
    if (answer instanceof CesAnswer.Fault fault) {
      if (fault.errorCode().isEmpty()) {
        return BackendHealth.down(where + " refused scepra's " + endpoint.settings().auth().value() + " credential ("
            + fault.code() + ")");
      }
      if (DOWN.contains(fault.errorCode().get())) {
        return BackendHealth.down(where + ": the CA answered " + fault.hresult().orElseThrow());
      }
    }
    List<X509Certificate> chain;
    try {
      chain = endpoint.chain().get();
    } catch (IllegalStateException e) {
      return BackendHealth.down(where + " and its CA answer, but " + e.getMessage());
    }
    Instant notAfter = chain.get(0).getNotAfter().toInstant();
    if (!Instant.now().isBefore(notAfter)) {
      return BackendHealth.down("CA certificate " + chain.get(0).getSubjectX500Principal().getName() + " expired on "
          + notAfter);
    }
    return BackendHealth.up(where + " and its CA answer scepra's " + endpoint.settings().auth().value()
        + " credential; CA " + chain.get(0).getSubjectX500Principal().getName() + " valid until " + notAfter);
  }
}
