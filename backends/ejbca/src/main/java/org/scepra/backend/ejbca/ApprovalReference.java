package org.scepra.backend.ejbca;

import java.util.Optional;

/**
 * The handle of an enrolment waiting for an EJBCA administrator: {@code approval:<requestId>:<username>}.
 * The end entity's name travels with it so that polling does not depend on the naming settings
 * still being what they were when the request came in.
 */
record ApprovalReference(int requestId, String username) {

  private static final String PREFIX = "approval:";

  static Optional<ApprovalReference> parse(String reference) {
    if (reference == null || !reference.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = reference.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon <= 0 || colon == rest.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ApprovalReference(Integer.parseInt(rest.substring(0, colon)), rest.substring(colon + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return PREFIX + requestId + ":" + username;
  }
}
