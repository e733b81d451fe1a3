package org.scepra.ra.audit;

/**
 * What the audit line says about one decision. Null fields are left out of the line.
 *
 * @param action e.g. {@code pkiOperation}, {@code approve}, {@code revoke}
 * @param actor the authenticated operator for admin actions; null for SCEP clients
 * @param alias the endpoint
 * @param transactionId the SCEP transactionID
 * @param messageType the request's messageType
 * @param subject the requested subject DN
 * @param authorization how the request was authorized (e.g. {@code challenge}), or tried to be
 * @param outcome SUCCESS, FAILURE or PENDING
 * @param failInfo the failInfo of a FAILURE
 * @param reason a short reason (no secrets)
 * @param serial the issued certificate's serial number, hex
 */
public record AuditEvent(
    String action,
    String actor,
    String alias,
    String transactionId,
    String messageType,
    String subject,
    String authorization,
    String outcome,
    String failInfo,
    String reason,
    String serial) {

  /** An operator's action on a transaction or certificate. */
  public static AuditEvent admin(String action, String actor, String alias, String transactionId, String subject,
      String outcome, String reason, String serial) {
    return new AuditEvent(action, actor, alias, transactionId, null, subject, null, outcome, null, reason, serial);
  }
}
