package org.scepra.ra.admin;

/**
 * The outcome of an operator's action.
 *
 * @param kind what happened
 * @param detail a short explanation, or the new status
 */
public record AdminResult(Kind kind, String detail) {

  /** Maps onto HTTP: DONE 200, NOT_FOUND 404, CONFLICT 409, UNSUPPORTED 501, FAILED 502. */
  public enum Kind {
    DONE,
    NOT_FOUND,
    CONFLICT,
    UNSUPPORTED,
    FAILED
  }

  public static AdminResult done(String detail) {
    return new AdminResult(Kind.DONE, detail);
  }

  public static AdminResult of(Kind kind, String detail) {
    return new AdminResult(kind, detail);
  }
}
