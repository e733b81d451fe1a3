package org.scepra.backend.internalca;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on a lock file, across JVMs (a {@link FileLock}) and across threads of this JVM
 * (file locks are held per JVM, so threads need their own lock). The lock file is left in place:
 * deleting it would let two processes lock different files.
 */
final class FileMutex implements AutoCloseable {

  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final long RETRY_MILLIS = 50;
  private static final long TIMEOUT_MILLIS = 120_000;

  private final ReentrantLock jvmLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private FileMutex(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
    this.jvmLock = jvmLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Blocks until this thread holds the lock on {@code lockFile}, creating the file if needed. */
  static FileMutex acquire(Path lockFile) throws IOException {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    jvmLock.lock();
    try {
      FileChannel channel =
          FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        return new FileMutex(jvmLock, channel, lock(channel, key));
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      jvmLock.unlock();
      throw e;
    }
  }

  private static FileLock lock(FileChannel channel, Path key) throws IOException {
    long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
    while (true) {
      try {
        return channel.lock();
      } catch (OverlappingFileLockException e) {
        // Held by another class loader in this JVM (e.g. a second deployment): it has its own
        // JVM_LOCKS, so wait for it here instead.
        if (System.currentTimeMillis() > deadline) {
          throw new IOException("timed out waiting for lock file " + key, e);
        }
        try {
          Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted waiting for lock file " + key);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      fileLock.release();
    } finally {
      try {
        channel.close();
      } finally {
        jvmLock.unlock();
      }
    }
  }
}
