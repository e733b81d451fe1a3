package org.scepra.web.scep;

import java.util.Base64;
import java.util.Optional;

/**
 * Decodes the base64 {@code message} of a GET PKIOperation the way real clients send it: '+' that
 * arrived as a space (iOS), line breaks from {@code %0A} (Cisco, sscep), base64url, missing padding.
 */
final class MessageParameter {

  private MessageParameter() {}

  /** The decoded bytes, or empty if the text is not base64 in any of the tolerated forms. */
  static Optional<byte[]> decode(String text) {
    StringBuilder normalized = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\r', '\n', '\t' -> { }
        case ' ' -> normalized.append('+');
        case '-' -> normalized.append('+');
        case '_' -> normalized.append('/');
        default -> normalized.append(c);
      }
    }
    while (normalized.length() % 4 != 0) {
      normalized.append('=');
    }
    if (normalized.length() == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(normalized.toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
