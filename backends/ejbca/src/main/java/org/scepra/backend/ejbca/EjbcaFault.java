package org.scepra.backend.ejbca;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A SOAP fault from EJBCA, reduced to what decisions and logs need.
 *
 * @param exception the detail element's name, e.g. {@code EjbcaException}; empty if there was no
 *     detail (a generic server fault)
 * @param errorCode EJBCA's {@code internalErrorCode}, e.g. {@code CA_NOT_EXISTS}; empty if none
 * @param message EJBCA's {@code faultstring}, for logs only (it may name users and DNs)
 * @param requestId the approval request's id, for {@code WaitingForApprovalException}
 */
record EjbcaFault(String exception, String errorCode, String message, OptionalInt requestId) {

  static final String AUTHORIZATION_DENIED = "AuthorizationDeniedException";
  static final String CA_DOESNT_EXIST = "CADoesntExistsException";
  static final String NOT_FOUND = "NotFoundException";
  static final String ALREADY_REVOKED = "AlreadyRevokedException";
  static final String WAITING_FOR_APPROVAL = "WaitingForApprovalException";
  static final String APPROVAL = "ApprovalException";
  static final String APPROVAL_EXPIRED = "ApprovalRequestExpiredException";
  static final String USER_DOESNT_FULFILL_PROFILE = "UserDoesntFullfillEndEntityProfile";

  EjbcaFault {
    Objects.requireNonNull(exception, "exception");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(requestId, "requestId");
  }

  boolean is(String exceptionName) {
    return exception.equals(exceptionName);
  }

  /** For log lines: the exception and, if any, the error code. */
  String summary() {
    if (exception.isEmpty()) {
      return "SOAP fault without detail";
    }
    return errorCode.isEmpty() ? exception : exception + "/" + errorCode;
  }
}
