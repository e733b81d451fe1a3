package org.scepra.backend.adcs;

/**
 * A call to CES that got no WS-Trust answer: no connection, a timeout, a TLS failure, an HTTP
 * status other than 200 or a SOAP fault's 500, or a body that is not an [MS-WSTEP] answer.
 */
final class CesCallException extends Exception {

  private static final long serialVersionUID = 1L;

  CesCallException(String message) {
    super(message);
  }

  CesCallException(String message, Throwable cause) {
    super(message + ": " + root(cause), cause);
  }

  private static String root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
  }
}
