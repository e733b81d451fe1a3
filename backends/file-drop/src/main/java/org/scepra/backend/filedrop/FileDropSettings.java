package org.scepra.backend.filedrop;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.Config;

/**
 * One endpoint's file-drop settings, read from {@code scepra.endpoint.<alias>.file-drop.*}. Every
 * error names the full key, so it can be shown as the endpoint's health.
 *
 * @param alias the endpoint
 * @param folders the four queue folders
 * @param caCertificate PEM file with the issuing CA certificate, then its issuers
 * @param validityDays overrides the requested validity written into the request's JSON
 */
record FileDropSettings(
    String alias, QueueFolders folders, Path caCertificate, OptionalInt validityDays) {

  static final String DIRECTORY = "directory";
  static final String CA_CERTIFICATE = "ca-certificate";
  static final String VALIDITY_DAYS = "validity-days";

  /**
   * @throws IllegalArgumentException naming the offending key
   */
  static FileDropSettings from(Config config, String alias) {
    Keys keys = new Keys(config, "scepra.endpoint." + alias + ".file-drop.");
    Optional<Path> base = keys.path(DIRECTORY);
    QueueFolders folders =
        new QueueFolders(
            base,
            folder(keys, base, QueueFolders.OUTBOX),
            folder(keys, base, QueueFolders.INBOX),
            folder(keys, base, QueueFolders.ARCHIVE),
            folder(keys, base, QueueFolders.QUARANTINE));
    Path caCertificate =
        keys.path(CA_CERTIFICATE)
            .orElseThrow(
                () -> new IllegalArgumentException(keys.key(CA_CERTIFICATE) + " is required"));
    return new FileDropSettings(alias, folders, caCertificate, keys.positiveInt(VALIDITY_DAYS));
  }

  /** An individually configured folder wins; otherwise the subfolder of the base directory. */
  private static QueueFolders.Folder folder(Keys keys, Optional<Path> base, String name) {
    Optional<Path> own = keys.path(name);
    if (own.isPresent()) {
      return new QueueFolders.Folder(name, own.get(), false);
    }
    return base.map(b -> new QueueFolders.Folder(name, b.resolve(name), true))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    keys.key(DIRECTORY) + " is required (or set " + keys.key(name) + ")"));
  }

  /** Look-ups under one endpoint's prefix. */
  private record Keys(Config config, String prefix) {

    String key(String name) {
      return prefix + name;
    }

    Optional<String> string(String name) {
      return config
          .getOptionalValue(key(name), String.class)
          .map(String::strip)
          .filter(s -> !s.isEmpty());
    }

    /**
     * Paths must be absolute: relative to the application server's working directory they would
     * land somewhere nobody looks, and the CA side would never see the requests.
     */
    Optional<Path> path(String name) {
      Optional<String> value = string(name);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      Path path;
      try {
        path = Path.of(value.get());
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException(
            key(name) + " is not a valid path: " + e.getMessage(), e);
      }
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(key(name) + " must be an absolute path, was " + path);
      }
      return Optional.of(path.normalize());
    }

    OptionalInt positiveInt(String name) {
      Optional<String> value = string(name);
      if (value.isEmpty()) {
        return OptionalInt.empty();
      }
      try {
        int parsed = Integer.parseInt(value.get());
        if (parsed > 0) {
          return OptionalInt.of(parsed);
        }
      } catch (NumberFormatException e) {
        // reported below, with the key
      }
      throw new IllegalArgumentException(key(name) + " must be a positive whole number of days");
    }
  }
}
