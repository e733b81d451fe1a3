package org.scepra.backend.adcs;

import java.security.cert.X509Certificate;

/** What the double's CA decided about a request ({@link CesDouble}). */
sealed interface CesDecision {

  record Issued(int requestId, X509Certificate certificate) implements CesDecision {}

  record Pending(int requestId) implements CesDecision {}

  /** A refusal with the CA's HRESULT; {@code requestId} null when the CA kept no request. */
  record Refused(int hresult, Integer requestId, boolean invalidRequest, String text) implements CesDecision {}
}
