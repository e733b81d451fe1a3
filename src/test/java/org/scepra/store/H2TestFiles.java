package org.scepra.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The embedded H2 file under a test's data dir, looked at from outside H2. */
final class H2TestFiles {

  /** Restores {@code scepra.data-dir} as it was. */
  interface DataDir extends AutoCloseable {
    @Override
    void close();
  }

  private H2TestFiles() {}

  /** Points {@link EmbeddedH2DataSource} at {@code dir} until the result is closed. */
  static DataDir useDataDir(Path dir) {
    String before = System.getProperty("scepra.data-dir");
    System.setProperty("scepra.data-dir", dir.toString());
    return () -> {
      if (before == null) {
        System.clearProperty("scepra.data-dir");
      } else {
        System.setProperty("scepra.data-dir", before);
      }
    };
  }

  static Path file(Path dataDir) {
    return dataDir.resolve("db").resolve("scepra.mv.db");
  }

  /** MVStore's first block starts with its header as text, e.g. {@code H:2,block:1ac,…,clean:1,…}. */
  static String header(Path dataDir) throws IOException {
    try (InputStream in = Files.newInputStream(file(dataDir))) {
      String start = new String(in.readNBytes(256), StandardCharsets.ISO_8859_1);
      int end = start.indexOf('\n');
      return end < 0 ? start : start.substring(0, end);
    }
  }

  /** H2 writes this mark when it closes the file, and removes it when it opens the file for writing. */
  static boolean markedClean(Path dataDir) throws IOException {
    return header(dataDir).contains(",clean:1,");
  }

  /** H2 holds a file lock on an open database; in the JVM that holds it, another lock attempt throws. */
  static boolean openInThisJvm(Path dataDir) throws IOException {
    try (FileChannel channel = FileChannel.open(file(dataDir), StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      return lock == null;
    } catch (OverlappingFileLockException e) {
      return true;
    }
  }
}
