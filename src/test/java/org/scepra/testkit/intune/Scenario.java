package org.scepra.testkit.intune;

import java.time.Duration;

/**
 * What a challenge the double hands out makes it do: its answer to validateRequest, to the successNotification
 * and to the failureNotification of the request carrying it; optionally the subject it was issued for (another
 * subject is SubjectNameMismatch, as Intune checks the CSR against its profile).
 */
public record Scenario(Answer validation, Answer successNotification, Answer failureNotification,
    String expectedSubject) {

  /** Valid: Success to everything. */
  public static Scenario accepted() {
    return new Scenario(Answer.success(), Answer.success(), Answer.success(), null);
  }

  /** Refused by validateRequest with {@code code} (any string Intune may send, known to the reference or not). */
  public static Scenario refused(String code, String description) {
    return new Scenario(Answer.code(code, description), Answer.success(), Answer.success(), null);
  }

  public static Scenario validationAnswer(Answer answer) {
    return new Scenario(answer, Answer.success(), Answer.success(), null);
  }

  public static Scenario internalError() {
    return validationAnswer(Answer.internalError());
  }

  public static Scenario unauthorized() {
    return validationAnswer(Answer.unauthorized());
  }

  public static Scenario html() {
    return validationAnswer(Answer.html());
  }

  public static Scenario slow(Duration delay) {
    return validationAnswer(Answer.slow(delay));
  }

  public Scenario successNotification(Answer answer) {
    return new Scenario(validation, answer, failureNotification, expectedSubject);
  }

  public Scenario failureNotification(Answer answer) {
    return new Scenario(validation, successNotification, answer, expectedSubject);
  }

  public Scenario forSubject(String subject) {
    return new Scenario(validation, successNotification, failureNotification, subject);
  }
}
