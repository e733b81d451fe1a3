package org.scepra.spi;

import java.util.Objects;

/**
 * A backend's health as seen by readiness checks.
 *
 * @param up whether the backend can serve requests now
 * @param detail a short description for operators (never a secret)
 */
public record BackendHealth(boolean up, String detail) {

  public BackendHealth {
    Objects.requireNonNull(detail, "detail");
  }

  public static BackendHealth up(String detail) {
    return new BackendHealth(true, detail);
  }

  public static BackendHealth down(String detail) {
    return new BackendHealth(false, detail);
  }
}
