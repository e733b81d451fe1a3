package org.scepra.backend.ejbca;

import java.util.Map;
import java.util.Optional;
import org.scepra.spi.IssueResult.Reason;
import org.scepra.spi.IssueResult.Rejected;

/**
 * Maps a failed enrolment call onto the SPI's reasons, with texts general enough for the device;
 * the exact fault goes to the log. Problems on the RA-to-CA side (authorization, unknown CA or
 * profiles, a switched-off web service) are CA_UNAVAILABLE: the device can do nothing about them.
 * See the README's table.
 */
final class FaultMapping {

  static final Rejected UNREACHABLE = unavailable("the CA is unavailable, try again later");
  static final Rejected CA_REFUSED = unavailable("the CA refused the RA's request");
  static final Rejected NOT_COMPLETED = unavailable("the CA could not complete the request, try again later");
  static final Rejected POLICY = badRequest("the request does not meet the CA's policy");
  static final Rejected DUPLICATE = badRequest("the CA already has a certificate for this key or name");
  static final Rejected SIGNATURE = badRequest("the CA could not verify the request's signature");
  static final Rejected ALREADY_WAITING = badRequest("a request for this device is already waiting for approval");
  static final Rejected KEY = new Rejected(Reason.BAD_ALGORITHM, "the CA does not accept the request's key");

  /** By EJBCA's internalErrorCode, for EjbcaException, CesecoreException and the like. */
  private static final Map<String, Rejected> BY_ERROR_CODE =
      Map.ofEntries(
          Map.entry("CA_NOT_EXISTS", CA_REFUSED),
          Map.entry("EE_PROFILE_NOT_EXISTS", CA_REFUSED),
          Map.entry("CERT_PROFILE_NOT_EXISTS", CA_REFUSED),
          Map.entry("BAD_CERTIFICATE_PROFILE_TYPE", CA_REFUSED),
          Map.entry("UNKOWN_TOKEN_TYPE", CA_REFUSED),
          Map.entry("BAD_USER_TOKEN_TYPE", CA_REFUSED),
          Map.entry("NOT_SUPPORTED_REQUEST_TYPE", CA_REFUSED),
          Map.entry("NOT_AUTHORIZED", CA_REFUSED),
          Map.entry("AUTH_CERT_NOT_RECEIVED", CA_REFUSED),
          Map.entry("ILLEGAL_KEY", KEY),
          Map.entry("INVALID_KEY", KEY),
          Map.entry("INVALID_KEY_SPEC", KEY),
          Map.entry("SIGNATURE_ERROR", SIGNATURE),
          Map.entry("BAD_REQUEST_SIGNATURE", SIGNATURE),
          Map.entry("USER_DOESNT_FULFILL_END_ENTITY_PROFILE", POLICY),
          Map.entry("_FIELD_VALUE_NOT_VALID", POLICY),
          Map.entry("NAMECONSTRAINT_VIOLATION", POLICY),
          Map.entry("REQUIRED_CUSTOM_CERTIFICATE_EXTENSION_MISSING", POLICY),
          Map.entry("INVALID_CERTIFICATE", POLICY),
          Map.entry("CERTIFICATE_FOR_THIS_KEY_ALREADY_EXISTS_FOR_ANOTHER_USER", DUPLICATE),
          Map.entry("CERTIFICATE_WITH_THIS_SUBJECTDN_ALREADY_EXISTS_FOR_ANOTHER_USER", DUPLICATE),
          Map.entry("SUBJECTDN_SERIALNUMBER_ALREADY_EXISTS", DUPLICATE),
          Map.entry("APPROVAL_ALREADY_EXISTS", ALREADY_WAITING),
          // the RA set the password and status just before: another request for the same end
          // entity got in between, so a retry succeeds
          Map.entry("LOGIN_ERROR", NOT_COMPLETED),
          Map.entry("USER_WRONG_STATUS", NOT_COMPLETED),
          Map.entry("USER_NOT_FOUND", NOT_COMPLETED));

  private FaultMapping() {}

  static Rejected rejected(EjbcaCallException failure) {
    Optional<EjbcaFault> fault = failure.fault();
    if (fault.isEmpty()) {
      return UNREACHABLE;
    }
    return switch (fault.get().exception()) {
      case EjbcaFault.AUTHORIZATION_DENIED, EjbcaFault.CA_DOESNT_EXIST -> CA_REFUSED;
      case EjbcaFault.USER_DOESNT_FULFILL_PROFILE -> POLICY;
      case EjbcaFault.APPROVAL -> ALREADY_WAITING;
      case EjbcaFault.NOT_FOUND -> NOT_COMPLETED;
      // no declared detail: the web service is switched off or refused the call as such
      case "" -> CA_REFUSED;
      default -> BY_ERROR_CODE.getOrDefault(fault.get().errorCode(), NOT_COMPLETED);
    };
  }

  private static Rejected unavailable(String text) {
    return new Rejected(Reason.CA_UNAVAILABLE, text);
  }

  private static Rejected badRequest(String text) {
    return new Rejected(Reason.BAD_REQUEST, text);
  }
}
