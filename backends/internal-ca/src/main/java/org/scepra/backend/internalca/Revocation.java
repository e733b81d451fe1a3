package org.scepra.backend.internalca;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;
import org.scepra.spi.CertificateRevoker.Reason;

/**
 * One revoked certificate, as kept in the revocation file: {@code serial-hex,time,reason-code}.
 *
 * @param serial the certificate's serial number (positive)
 * @param revokedAt when it was revoked, cut to whole seconds as CRLs encode it
 * @param reason the CRLReason
 */
record Revocation(BigInteger serial, Instant revokedAt, Reason reason) {

  /** At most 20 octets (RFC 5280 §4.1.2.2). */
  private static final Pattern SERIAL = Pattern.compile("[0-9a-fA-F]{1,40}");

  Revocation {
    if (serial.signum() <= 0) {
      throw new IllegalArgumentException("serial numbers are positive");
    }
    revokedAt = revokedAt.truncatedTo(ChronoUnit.SECONDS);
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * The file line, newline included. Only formatted numbers and a UTC timestamp, never text from a
   * request, e.g. {@code 1f3a…,2025-01-31T12:00:00Z,1}.
   */
  String toLine() {
    return serial.toString(16) + "," + revokedAt + "," + reason.code() + "\n";
  }

  /** Parses a line without its newline, or returns null if it is not exactly one entry. */
  static Revocation parse(String line) {
    String[] fields = line.strip().split(",", -1);
    if (fields.length != 3 || !SERIAL.matcher(fields[0].strip()).matches()) {
      return null;
    }
    try {
      BigInteger serial = new BigInteger(fields[0].strip(), 16);
      Instant at = Instant.parse(fields[1].strip());
      int code = Integer.parseInt(fields[2].strip());
      for (Reason reason : Reason.values()) {
        if (reason.code() == code) {
          return new Revocation(serial, at, reason);
        }
      }
      return null;
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return null; // also NumberFormatException, and a zero serial
    }
  }
}
