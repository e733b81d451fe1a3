package org.scepra.backend.filedrop;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * File operations the other side of the queue may watch: a file appears under its final name only
 * complete and on disk, and a move never overwrites anything.
 */
final class AtomicFiles {

  /** Enough for any number of answers one request could plausibly get. */
  private static final int MAX_VERSIONS = 1000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /**
   * Writes {@code content} to a temporary file in the same folder (its name starts with a dot, so
   * watchers skip it, and carries a random part, so two nodes never share one), forces it to disk,
   * then renames it into place atomically, replacing an older version of the same file.
   */
  static void write(Path folder, String name, byte[] content) throws IOException {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    Path temp = folder.resolve("." + name + "." + HexFormat.of().formatHex(random) + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, CREATE_NEW, WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, folder.resolve(name), ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // Our own half-written temporary file is the only thing this backend ever deletes.
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    syncFolder(folder);
  }

  /**
   * Moves {@code source} into {@code folder} under its own name, or {@code name.1}, {@code name.2}
   * ... if that is taken, so nothing already there is replaced. A rename (ATOMIC_MOVE): all queue
   * folders must be on one file system.
   *
   * @return where it went, or empty if {@code source} was already gone (another node moved it)
   */
  static Optional<Path> moveInto(Path source, Path folder) throws IOException {
    String name = source.getFileName().toString();
    for (int version = 0; version < MAX_VERSIONS; version++) {
      Path target = folder.resolve(version == 0 ? name : name + "." + version);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        Files.move(source, target, ATOMIC_MOVE);
      } catch (NoSuchFileException e) {
        if (Files.notExists(source, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.empty();
        }
        throw e;
      }
      syncFolder(folder);
      syncFolder(source.getParent());
      return Optional.of(target);
    }
    throw new IOException(folder + " already holds " + MAX_VERSIONS + " versions of " + name);
  }

  /**
   * Makes a rename durable. Not every platform can open a directory (Windows cannot); there the
   * rename is still atomic, only perhaps not yet on disk.
   */
  static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort, see above
    }
  }
}
