package org.scepra.protocol;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** A senderNonce or recipientNonce (RFC 8894 §3.2.1.5): 16 random octets. */
public final class Nonce {
  public static final int LENGTH = 16;
  /**
   * The longest senderNonce accepted. RFC 8894 says 16 octets, some clients send 8; anything far
   * longer is not a nonce, and would be echoed back in every answer.
   */
  public static final int MAX_ACCEPTED_LENGTH = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] value;

  private Nonce(byte[] value) {
    this.value = value.clone();
  }

  /** A fresh nonce for a response. */
  public static Nonce random() {
    byte[] bytes = new byte[LENGTH];
    RANDOM.nextBytes(bytes);
    return new Nonce(bytes);
  }

  /** A nonce received from a client, kept as sent (it is echoed back as recipientNonce). */
  public static Nonce of(byte[] bytes) {
    return new Nonce(bytes);
  }

  public byte[] bytes() {
    return value.clone();
  }

  public boolean hasStandardLength() {
    return value.length == LENGTH;
  }

  /** Whether a client's nonce is one scepra accepts: 1 to {@value #MAX_ACCEPTED_LENGTH} octets. */
  public boolean hasAcceptableLength() {
    return value.length > 0 && value.length <= MAX_ACCEPTED_LENGTH;
  }

  public int length() {
    return value.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Nonce other && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(value);
  }
}
