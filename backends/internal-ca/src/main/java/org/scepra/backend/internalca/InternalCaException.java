package org.scepra.backend.internalca;

/**
 * The internal CA could not be created, loaded or used. Messages are meant for operators (they
 * name files and settings) and never contain passwords or key material.
 */
public class InternalCaException extends Exception {

  private static final long serialVersionUID = 1L;

  public InternalCaException(String message) {
    super(message);
  }

  public InternalCaException(String message, Throwable cause) {
    super(message, cause);
  }
}
