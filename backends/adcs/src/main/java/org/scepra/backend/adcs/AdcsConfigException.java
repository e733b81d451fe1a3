package org.scepra.backend.adcs;

/** An endpoint's AD CS settings cannot be used; the message names the key, never a value. */
final class AdcsConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  AdcsConfigException(String message) {
    super(message);
  }

  AdcsConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
