package org.scepra.backend.internalca;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * Writes secret files so that nobody ever sees them half-written or readable by others: content
 * goes to an owner-only temporary file in the same directory, is synced, then atomically renamed.
 */
final class OwnerOnlyFiles {

  /** Writes a file's content; may fail with I/O or keystore errors. */
  @FunctionalInterface
  interface ContentWriter {
    void write(OutputStream out) throws IOException, GeneralSecurityException;
  }

  private OwnerOnlyFiles() {}

  /** Creates the directory (and parents); directories it creates are owner-only where POSIX. */
  static void createDirectories(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, attributes(dir, "rwx------"));
    }
  }

  /** Atomically replaces {@code target} with what {@code writer} produces. */
  static void writeAtomically(Path target, ContentWriter writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp =
        Files.createTempFile(
            dir, target.getFileName().toString(), ".tmp", attributes(dir, "rw-------"));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        writer.write(out);
        out.flush();
        channel.force(true);
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static boolean supportsPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] attributes(Path path, String permissions) {
    if (!supportsPosix(path)) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
    };
  }
}
