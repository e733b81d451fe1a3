package org.scepra.backend.filedrop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The name a request goes by in the queue folders. It is derived from values scepra controls, so no
 * requester text ever becomes part of a file name, and it is stable, so a retransmitted or
 * re-issued transaction maps to the same files.
 */
final class RequestId {

  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

  private RequestId() {}

  /**
   * Hex SHA-256 of {@code alias NUL transactionId}: the NUL keeps {@code ("a", "bc")} and {@code
   * ("ab", "c")} apart.
   */
  static String of(String endpointAlias, String transactionId) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(endpointAlias.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      sha256.update(transactionId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether a reference handed back by the RA is one of ours, and so safe as a file name. */
  static boolean isValid(String reference) {
    return reference != null && FORMAT.matcher(reference).matches();
  }
}
