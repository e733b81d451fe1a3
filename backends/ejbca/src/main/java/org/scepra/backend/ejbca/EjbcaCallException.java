package org.scepra.backend.ejbca;

import java.util.Optional;

/**
 * A call to EJBCA that did not succeed: either EJBCA answered with a fault, or it could not be
 * asked at all (connection refused, timeout, TLS failure, unreadable answer).
 */
final class EjbcaCallException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String operation;
  private final transient EjbcaFault fault;

  private EjbcaCallException(String operation, EjbcaFault fault, String message, Throwable cause) {
    super(message, cause);
    this.operation = operation;
    this.fault = fault;
  }

  static EjbcaCallException fault(String operation, EjbcaFault fault) {
    return new EjbcaCallException(operation, fault, operation + ": " + fault.summary(), null);
  }

  static EjbcaCallException failed(String operation, Throwable cause) {
    return new EjbcaCallException(operation, null, operation + ": " + rootMessage(cause), cause);
  }

  String operation() {
    return operation;
  }

  /** Empty when EJBCA could not be asked. */
  Optional<EjbcaFault> fault() {
    return Optional.ofNullable(fault);
  }

  boolean isFault(String exceptionName) {
    return fault != null && fault.is(exceptionName);
  }

  /** What went wrong, short enough for a log line or a health detail. */
  String reason() {
    return fault != null ? fault.summary() : rootMessage(getCause());
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
