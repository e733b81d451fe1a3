package org.scepra.backend.ejbca;

import java.util.Optional;

/**
 * A call to EJBCA that did not succeed: either EJBCA answered with a fault, or it could not be
 * asked at all (connection refused, timeout, TLS failure, unreadable answer).
 */
final class EjbcaCallException extends Exception {

  private static final long serialVersionUID = 1L;
  private static final int MAX_TEXT = 200;

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

  /**
   * What went wrong, short enough for a log line or a health detail. A fault without detail (a switched-off web
   * service, say) says nothing but its faultstring, so that goes in, shortened.
   */
  String reason() {
    if (fault == null) {
      return rootMessage(getCause());
    }
    return fault.exception().isEmpty() ? fault.summary() + ": " + shortened(fault.message()) : fault.summary();
  }

  private static String shortened(String text) {
    String line = text.replaceAll("\\p{Cntrl}", " ").strip();
    return line.isEmpty() ? "(no faultstring)" : line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT) + "..." : line;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
