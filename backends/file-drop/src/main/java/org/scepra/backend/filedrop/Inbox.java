package org.scepra.backend.filedrop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Optional;

/** Reads the CA's answer to a request: {@code <id>.rejected} first, then {@code <id>.crt}. */
final class Inbox {

  static final String CERTIFICATE = ".crt";
  static final String REJECTION = ".rejected";

  /** A certificate with its chain is a few KiB; anything far larger is not one. */
  static final int MAX_CERTIFICATE_BYTES = 1 << 20;

  /** Only the first line of a rejection is used, and at most 255 characters of it. */
  private static final int MAX_REASON_BYTES = 4096;

  private final Path folder;

  Inbox(Path folder) {
    this.folder = folder;
  }

  /** An answer file, with its last modification time (when it may still have been written to). */
  sealed interface Answer {
    Path file();

    FileTime modified();
  }

  /** The CA refused; {@code reason} is already sanitized. */
  record Refusal(Path file, String reason, FileTime modified) implements Answer {}

  /**
   * The CA issued something; it is yet to be checked.
   *
   * @param content at most {@link #MAX_CERTIFICATE_BYTES} bytes
   * @param oversized whether the file was longer
   */
  record Certificate(Path file, byte[] content, boolean oversized, FileTime modified)
      implements Answer {}

  /**
   * The answer for {@code id}, or empty while there is none. A file that disappears while it is
   * read was just archived by another node, so it counts as absent.
   */
  Optional<Answer> read(String id) throws IOException {
    Path rejection = folder.resolve(id + REJECTION);
    Optional<byte[]> reason = readUpTo(rejection, MAX_REASON_BYTES);
    Optional<FileTime> reasonTime = reason.isPresent() ? modified(rejection) : Optional.empty();
    if (reasonTime.isPresent()) {
      return Optional.of(
          new Refusal(rejection, RejectionReason.of(reason.get()), reasonTime.get()));
    }
    Path certificate = folder.resolve(id + CERTIFICATE);
    Optional<byte[]> content = readUpTo(certificate, MAX_CERTIFICATE_BYTES + 1);
    // The time is read after the content: if the CA was still writing, it is recent.
    Optional<FileTime> time = content.isPresent() ? modified(certificate) : Optional.empty();
    if (time.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = content.get();
    boolean oversized = bytes.length > MAX_CERTIFICATE_BYTES;
    if (oversized) {
      bytes = Arrays.copyOf(bytes, MAX_CERTIFICATE_BYTES);
    }
    return Optional.of(new Certificate(certificate, bytes, oversized, time.get()));
  }

  Path certificateFile(String id) {
    return folder.resolve(id + CERTIFICATE);
  }

  Path rejectionFile(String id) {
    return folder.resolve(id + REJECTION);
  }

  private static Optional<byte[]> readUpTo(Path file, int limit) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Optional.of(in.readNBytes(limit));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static Optional<FileTime> modified(Path file) throws IOException {
    try {
      return Optional.of(Files.getLastModifiedTime(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
