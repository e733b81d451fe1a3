package org.scepra.nodes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A 2 MiB tmpfs mounted on a directory, to fill up on purpose (a full share). Mounting needs root,
 * as in the CI container; {@link #mounted} says whether it worked, else the directory is a plain one.
 */
final class SmallFileSystem implements AutoCloseable {
  private final Path dir;
  private final boolean mounted;

  private SmallFileSystem(Path dir, boolean mounted) {
    this.dir = dir;
    this.mounted = mounted;
  }

  /** Unmounts a leftover of an earlier run, then mounts a fresh one on {@code dir} (created if missing). */
  static SmallFileSystem mount(Path dir) throws IOException {
    unmount(dir);
    Files.createDirectories(dir);
    return new SmallFileSystem(dir, run("mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", dir.toString()));
  }

  /** Unmounts whatever is mounted on {@code dir}; nothing if nothing is. */
  static void unmount(Path dir) {
    if (Files.isDirectory(dir)) {
      run("umount", dir.toString());
    }
  }

  boolean mounted() {
    return mounted;
  }

  Path dir() {
    return dir;
  }

  /** Writes {@code file} until the file system says it is full. */
  void fill(Path file) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < 1024; i++) {
        out.write(block);
        out.flush();
      }
      throw new AssertionError("64 MiB fitted into the 2 MiB file system at " + dir);
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left")) {
        throw e;
      }
    }
  }

  @Override
  public void close() {
    if (mounted) {
      unmount(dir);
    }
  }

  private static boolean run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      if (!ok) {
        System.out.println("SmallFileSystem: " + String.join(" ", command) + " failed: " + output);
      }
      return ok;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
