package org.scepra.backend.filedrop;

import java.nio.charset.StandardCharsets;

/**
 * The text of a {@code .rejected} answer as it may be shown to a device (SCEP failInfoText) and
 * written to logs: its first line only, without control or formatting characters (no line breaks,
 * escape sequences or bidirectional overrides), at most {@link #MAX_LENGTH} characters.
 */
final class RejectionReason {

  static final int MAX_LENGTH = 255;
  static final String DEFAULT = "the CA rejected the request";

  private RejectionReason() {}

  /** Malformed UTF-8 becomes U+FFFD rather than an error: a reason must never block the answer. */
  static String of(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint == '\n' || codePoint == '\r') {
        break;
      }
      if (allowed(codePoint)) {
        if (clean.length() + Character.charCount(codePoint) > MAX_LENGTH) {
          break;
        }
        clean.appendCodePoint(codePoint);
      }
    }
    String reason = clean.toString().strip();
    return reason.isEmpty() ? DEFAULT : reason;
  }

  private static boolean allowed(int codePoint) {
    int type = Character.getType(codePoint);
    return type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR
        && type != Character.UNASSIGNED
        && type != Character.PRIVATE_USE
        && type != Character.SURROGATE;
  }
}
