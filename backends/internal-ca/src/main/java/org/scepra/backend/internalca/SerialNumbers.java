package org.scepra.backend.internalca;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Random certificate serial numbers.
 *
 * <p>127 random bits: far more than the 64 bits of entropy the CA/Browser Forum requires (which
 * makes serials unpredictable and collisions negligible without keeping state), while the number
 * stays positive and fits in 16 DER content octets with the high bit of the first octet clear, so
 * no 0x00 padding octet is needed and it is well under RFC 5280's 20-octet limit.
 */
final class SerialNumbers {

  static final int BITS = 127;

  private SerialNumbers() {}

  /** A positive, nonzero serial; {@link SecureRandom} is thread-safe, so callers may share it. */
  static BigInteger next(SecureRandom random) {
    BigInteger serial;
    do {
      serial = new BigInteger(BITS, random);
    } while (serial.signum() == 0); // RFC 5280 §4.1.2.2: serials must be positive
    return serial;
  }
}
