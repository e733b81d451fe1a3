package org.scepra.backend.filedrop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The four folders of one endpoint's queue: requests go out through {@code outbox}, the CA's
 * answers come back through {@code inbox}, settled files end in {@code archive} and answers that do
 * not match their request in {@code quarantine}.
 *
 * @param base the configured {@code directory}, if any; never created, since a missing directory
 *     usually means a share that is not mounted, and writing to a local folder instead would hide
 *     that
 */
record QueueFolders(
    Optional<Path> base, Folder outbox, Folder inbox, Folder archive, Folder quarantine) {

  static final String OUTBOX = "outbox";
  static final String INBOX = "inbox";
  static final String ARCHIVE = "archive";
  static final String QUARANTINE = "quarantine";

  /**
   * Below this much usable space the outbox counts as full: a request needs a few kilobytes, and a
   * file system this close to full fails writes (the queue would refuse every request anyway).
   */
  static final long MIN_FREE_BYTES = 1024 * 1024;

  /**
   * @param name the folder's role, also its key and default subfolder name
   * @param path where it is
   * @param createIfMissing true for subfolders of {@code directory}; an individually configured
   *     folder must already exist
   */
  record Folder(String name, Path path, boolean createIfMissing) {}

  /**
   * Creates missing subfolders of {@code directory}, then checks that every folder can be used.
   * Cheap (a few {@code stat} calls), so it runs before every request.
   *
   * @return why the queue cannot be used now, or empty if it can
   */
  Optional<String> problem() {
    if (base.isPresent() && !Files.isDirectory(base.get())) {
      return Optional.of(
          "file-drop directory " + base.get() + " does not exist or is not a directory");
    }
    for (Folder folder : List.of(outbox, inbox, archive, quarantine)) {
      Optional<String> problem = problem(folder);
      if (problem.isPresent()) {
        return problem;
      }
    }
    try {
      return spaceProblem(outbox, Files.getFileStore(outbox.path()).getUsableSpace());
    } catch (IOException e) {
      return Optional.of("file-drop " + outbox.name() + " " + outbox.path() + ": free space unknown: " + e);
    }
  }

  /** Why {@code folder} cannot take another request with {@code usableBytes} left, if it cannot. */
  static Optional<String> spaceProblem(Folder folder, long usableBytes) {
    if (usableBytes >= MIN_FREE_BYTES) {
      return Optional.empty();
    }
    return Optional.of("file-drop " + folder.name() + " " + folder.path() + " is full: " + usableBytes
        + " bytes free, less than " + MIN_FREE_BYTES);
  }

  private static Optional<String> problem(Folder folder) {
    String label = "file-drop " + folder.name() + " " + folder.path();
    if (!Files.exists(folder.path()) && folder.createIfMissing()) {
      try {
        Files.createDirectories(folder.path());
      } catch (IOException e) {
        return Optional.of(label + " cannot be created: " + e);
      }
    }
    if (!Files.isDirectory(folder.path())) {
      return Optional.of(label + " does not exist or is not a directory");
    }
    // Every folder is written to: the inbox too, since answers are moved out of it.
    if (!Files.isReadable(folder.path()) || !Files.isWritable(folder.path())) {
      return Optional.of(label + " is not readable and writable by the application server");
    }
    return Optional.empty();
  }
}
