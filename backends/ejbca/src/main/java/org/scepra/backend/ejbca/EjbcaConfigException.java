package org.scepra.backend.ejbca;

/** The endpoint's EJBCA settings are missing or wrong; the message names the key. */
final class EjbcaConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  EjbcaConfigException(String message) {
    super(message);
  }

  EjbcaConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
