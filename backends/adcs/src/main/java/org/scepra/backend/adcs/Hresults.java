package org.scepra.backend.adcs;

import java.util.Map;
import java.util.Optional;
import org.scepra.spi.IssueResult.Reason;
import org.scepra.spi.IssueResult.Rejected;

/**
 * Maps the CA's HRESULT in a CES fault onto the SPI's reasons, with a short text for the device
 * that ends with the HRESULT, so that the audit line (which records the text) keeps it. Values are
 * those of winerror.h. What only the RA's administrator can fix (template not offered, no enroll
 * permission, CA down) is CA_UNAVAILABLE: nothing is recorded and a retry works once it is fixed.
 * What is wrong with the request itself is BAD_REQUEST (or BAD_ALGORITHM for its key).
 */
final class Hresults {

  static final int CERTSRV_E_BAD_REQUESTSUBJECT = 0x80094001;
  static final int CERTSRV_E_NO_REQUEST = 0x80094002;
  static final int CERTSRV_E_SERVER_SUSPENDED = 0x80094006;
  static final int CERTSRV_E_NO_DB_SESSIONS = 0x8009400F;
  static final int CERTSRV_E_ENROLL_DENIED = 0x80094011;
  static final int CERTSRV_E_TEMPLATE_DENIED = 0x80094012;
  static final int CERTSRV_E_ADMIN_DENIED_REQUEST = 0x80094014;
  static final int CERTSRV_E_WEAK_SIGNATURE_OR_KEY = 0x80094016;
  static final int CERTSRV_E_UNSUPPORTED_CERT_TYPE = 0x80094800;
  static final int CERTSRV_E_NO_CERT_TYPE = 0x80094801;
  static final int CERTSRV_E_TEMPLATE_CONFLICT = 0x80094802;
  static final int CERTSRV_E_SUBJECT_ALT_NAME_REQUIRED = 0x80094803;
  static final int CERTSRV_E_SUBJECT_UPN_REQUIRED = 0x8009480D;
  static final int CERTSRV_E_SUBJECT_DNS_REQUIRED = 0x8009480F;
  static final int CERTSRV_E_KEY_LENGTH = 0x80094811;
  static final int CERTSRV_E_SUBJECT_EMAIL_REQUIRED = 0x80094812;
  static final int E_ACCESSDENIED = 0x80070005;
  /** HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE): CES cannot reach the CA. */
  static final int RPC_S_SERVER_UNAVAILABLE = 0x800706BA;

  static final String UNKNOWN_TEMPLATE = "the CA does not offer the certificate template for this request";
  static final String NOT_AUTHORIZED = "the CA does not authorize the RA to enroll for this request";
  static final String UNAVAILABLE = "the CA is unavailable, try again later";
  static final String POLICY = "the request does not meet the CA's policy";
  static final String KEY = "the CA does not accept the request's key";
  static final String ADMIN_DENIED = "the CA administrator denied the request";
  static final String NO_REQUEST = "the CA does not know this pending request";
  static final String DENIED = "the CA denied the request";
  static final String NOT_COMPLETED = "the CA could not complete the request, try again later";
  static final String NOT_AUTHORIZED_OR_FAILED = "the CA's enrollment service refused the RA's request";

  private record Meaning(Reason reason, String text) {}

  private static final Map<Integer, Meaning> BY_HRESULT = Map.ofEntries(
      Map.entry(CERTSRV_E_UNSUPPORTED_CERT_TYPE, unavailable(UNKNOWN_TEMPLATE)),
      Map.entry(CERTSRV_E_NO_CERT_TYPE, unavailable(UNKNOWN_TEMPLATE)),
      Map.entry(CERTSRV_E_TEMPLATE_DENIED, unavailable(NOT_AUTHORIZED)),
      Map.entry(CERTSRV_E_ENROLL_DENIED, unavailable(NOT_AUTHORIZED)),
      Map.entry(E_ACCESSDENIED, unavailable(NOT_AUTHORIZED)),
      Map.entry(RPC_S_SERVER_UNAVAILABLE, unavailable(UNAVAILABLE)),
      Map.entry(CERTSRV_E_SERVER_SUSPENDED, unavailable(UNAVAILABLE)),
      Map.entry(CERTSRV_E_NO_DB_SESSIONS, unavailable(UNAVAILABLE)),
      Map.entry(CERTSRV_E_KEY_LENGTH, new Meaning(Reason.BAD_ALGORITHM, KEY)),
      Map.entry(CERTSRV_E_WEAK_SIGNATURE_OR_KEY, new Meaning(Reason.BAD_ALGORITHM, KEY)),
      Map.entry(CERTSRV_E_ADMIN_DENIED_REQUEST, badRequest(ADMIN_DENIED)),
      Map.entry(CERTSRV_E_NO_REQUEST, badRequest(NO_REQUEST)),
      Map.entry(CERTSRV_E_BAD_REQUESTSUBJECT, badRequest(POLICY)),
      Map.entry(CERTSRV_E_TEMPLATE_CONFLICT, badRequest(POLICY)),
      Map.entry(CERTSRV_E_SUBJECT_ALT_NAME_REQUIRED, badRequest(POLICY)),
      Map.entry(CERTSRV_E_SUBJECT_UPN_REQUIRED, badRequest(POLICY)),
      Map.entry(CERTSRV_E_SUBJECT_DNS_REQUIRED, badRequest(POLICY)),
      Map.entry(CERTSRV_E_SUBJECT_EMAIL_REQUIRED, badRequest(POLICY)));

  private Hresults() {}

  static Rejected rejected(CesAnswer.Fault fault) {
    if (fault.errorCode().isEmpty()) {
      // no CA decision at all: CES itself refused (e.g. the UsernameToken) or failed
      return new Rejected(Reason.CA_UNAVAILABLE, NOT_AUTHORIZED_OR_FAILED);
    }
    int hresult = fault.errorCode().get();
    Meaning meaning = Optional.ofNullable(BY_HRESULT.get(hresult))
        .orElse(fault.invalidRequest() ? badRequest(DENIED) : unavailable(NOT_COMPLETED));
    return new Rejected(meaning.reason(), meaning.text() + " (AD CS " + hex(hresult) + ")");
  }

  static String hex(int hresult) {
    return String.format("0x%08X", hresult);
  }

  private static Meaning unavailable(String text) {
    return new Meaning(Reason.CA_UNAVAILABLE, text);
  }

  private static Meaning badRequest(String text) {
    return new Meaning(Reason.BAD_REQUEST, text);
  }
}
