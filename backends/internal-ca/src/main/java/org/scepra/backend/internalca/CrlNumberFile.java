package org.scepra.backend.internalca;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Hands out CRL numbers (RFC 5280 §5.2.3) that never go backwards, across restarts and across nodes
 * sharing the directory.
 *
 * <p>Each CRL gets {@code max(last + 1, thisUpdate in epoch milliseconds)}, and that number is
 * written back (temporary file, fsync, atomic move) before the CRL is signed. The persisted counter
 * makes it strictly increasing even if a node's clock is behind; the time floor keeps it increasing
 * if the counter file is lost or restored from an old backup. Callers hold the revocation list's
 * lock, so a higher number never lists fewer revocations than a lower one.
 */
final class CrlNumberFile {

  private static final System.Logger LOG = System.getLogger(CrlNumberFile.class.getName());

  /** RFC 5280: CRL numbers fit in 20 octets. */
  private static final int MAX_BITS = 159;

  private final Path file;

  CrlNumberFile(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  Path file() {
    return file;
  }

  /** Allocates and persists the number for a CRL issued at {@code thisUpdate}. Hold the lock. */
  BigInteger next(Instant thisUpdate) throws IOException {
    BigInteger byTime = BigInteger.valueOf(thisUpdate.toEpochMilli());
    BigInteger number = byTime.max(last().add(BigInteger.ONE));
    if (number.bitLength() > MAX_BITS) {
      throw new IOException("the CRL number in " + file + " is out of range");
    }
    OwnerOnlyFiles.writeAtomically(
        file, out -> out.write((number + "\n").getBytes(StandardCharsets.US_ASCII)));
    return number;
  }

  /** The last number handed out, or zero if none was (or the file is unreadable). */
  private BigInteger last() throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      return BigInteger.ZERO;
    }
    try {
      BigInteger last = new BigInteger(text);
      if (last.signum() >= 0) {
        return last;
      }
    } catch (NumberFormatException e) {
      // fall through: written atomically, so only a hand edit gets here
    }
    LOG.log(
        Level.WARNING,
        "ignoring the unreadable CRL number in {0}; continuing from the clock",
        file);
    return BigInteger.ZERO;
  }
}
