package org.scepra.ra.authz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Compares a presented challengePassword with the endpoint's static one in constant time. Both
 * sides are hashed first so that neither the content nor the length leaks through timing.
 */
public final class ChallengeVerifier {

  private ChallengeVerifier() {}

  public static boolean matches(Optional<String> expected, Optional<String> presented) {
    if (expected.isEmpty() || presented.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(sha256(expected.get()), sha256(presented.get()));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
