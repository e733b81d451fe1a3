package org.scepra.backend.internalca;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CA's revocations in a text file, one {@code serial-hex,revocation-time,reason-code} line
 * each, appended and synced. Only values this class formats are ever written.
 *
 * <p>Not locked here: callers hold {@link #lock()} around {@link #read()} and {@link #add}. A last
 * line without its newline is a torn write: ignored when reading unless it is a complete entry, and
 * cut off by the next {@link #add}. Any other malformed line is an error (fail closed: skipping it
 * would silently un-revoke a certificate).
 */
final class RevocationList {

  /** What {@link #read()} saw, and the file's state when it saw it. */
  record Snapshot(List<Revocation> entries, Stamp stamp) {}

  /** Cheap change detection without reading the file: size, mtime and identity (inode). */
  record Stamp(long size, FileTime modified, Object fileKey) {
    static final Stamp ABSENT = new Stamp(-1, null, null);
  }

  private static final System.Logger LOG = System.getLogger(RevocationList.class.getName());

  private final Path file;
  private final Path lockFile;
  private volatile long tornReportedAtSize = -1;

  RevocationList(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
  }

  Path file() {
    return file;
  }

  /** The cross-JVM lock for this file; also guards the CRL number kept next to it. */
  FileMutex lock() throws IOException {
    OwnerOnlyFiles.createDirectories(file.getParent());
    return FileMutex.acquire(lockFile);
  }

  /** Stats the file; needs no lock. */
  Stamp stamp() throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(a.size(), a.lastModifiedTime(), a.fileKey());
    } catch (NoSuchFileException e) {
      return Stamp.ABSENT;
    }
  }

  /** The listed revocations in file order, first listing of a serial wins. Hold the lock. */
  Snapshot read() throws IOException {
    Stamp stamp = stamp();
    return new Snapshot(parse(load()).entries(), stamp);
  }

  /**
   * Appends a revocation unless the serial is listed already, then syncs. Hold the lock.
   *
   * @return false if the serial was already listed (the file is left unchanged)
   */
  boolean add(Revocation entry) throws IOException {
    byte[] content = load();
    Parsed parsed = parse(content);
    if (parsed.entries().stream().anyMatch(e -> e.serial().equals(entry.serial()))) {
      return false;
    }
    boolean created = Files.notExists(file);
    try (FileChannel channel =
        FileChannel.open(
            file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly())) {
      long end = content.length;
      String text = entry.toLine();
      if (parsed.tornTail()) {
        end = parsed.completeLength(); // drop the torn write: it was never acknowledged
        channel.truncate(end);
      } else if (end > 0 && content[content.length - 1] != '\n') {
        text = "\n" + text; // a complete entry that only lacks its newline (a hand edit)
      }
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
      while (bytes.hasRemaining()) {
        channel.write(bytes, end + bytes.position());
      }
      channel.force(true);
    }
    if (created) {
      syncDirectory();
    }
    return true;
  }

  private record Parsed(List<Revocation> entries, boolean tornTail, int completeLength) {}

  private byte[] load() throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new byte[0];
    }
  }

  private Parsed parse(byte[] content) throws IOException {
    String text = new String(content, StandardCharsets.US_ASCII);
    int complete = text.lastIndexOf('\n') + 1;
    Map<BigInteger, Revocation> entries = new LinkedHashMap<>();
    String[] lines = text.substring(0, complete).split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Revocation entry = Revocation.parse(line);
      if (entry == null) {
        throw new IOException("line " + (i + 1) + " of " + file + " is not a revocation entry");
      }
      entries.putIfAbsent(entry.serial(), entry);
    }
    String tail = text.substring(complete).strip();
    boolean torn = false;
    if (!tail.isEmpty()) {
      Revocation entry = Revocation.parse(tail);
      if (entry != null) {
        entries.putIfAbsent(entry.serial(), entry);
      } else {
        torn = true;
        reportTornTail(content.length);
      }
    }
    return new Parsed(List.copyOf(entries.values()), torn, complete);
  }

  private void reportTornTail(long size) {
    if (tornReportedAtSize != size) {
      tornReportedAtSize = size;
      LOG.log(
          Level.WARNING, "ignoring an incomplete last line in {0} (an interrupted write)", file);
    }
  }

  /** Makes a new file's directory entry durable; not every platform can sync a directory. */
  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "cannot sync directory " + file.getParent(), e);
    }
  }

  private FileAttribute<?>[] ownerOnly() {
    if (!OwnerOnlyFiles.supportsPosix(file)) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }
}
