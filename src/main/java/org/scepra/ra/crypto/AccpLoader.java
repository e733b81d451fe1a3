package org.scepra.ra.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Provider;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads ACCP from the platform's jar that the WAR carries as a resource (not in {@code WEB-INF/lib}: the Linux x86_64
 * and aarch64 builds hold the same classes and differ only in their native library), in a class loader of its own
 * whose parent is the platform class loader. Nothing of the deployment is reachable from it, so {@link JvmWideAccp}
 * can keep it for the JVM's lifetime without keeping an undeployed WAR alive.
 */
final class AccpLoader {

  static final String PROVIDER_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
  private static final String RESOURCES = "/META-INF/scepra/accp/";

  private final String osName;
  private final String osArch;

  AccpLoader(String osName, String osArch) {
    this.osName = osName;
    this.osArch = osArch;
  }

  static AccpLoader forThisJvm() {
    return new AccpLoader(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /** The classifier of the ACCP build for this platform, if one is published. */
  Optional<String> classifier() {
    if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
      return Optional.empty();
    }
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> Optional.of("linux-x86_64");
      case "aarch64", "arm64" -> Optional.of("linux-aarch_64");
      default -> Optional.empty();
    };
  }

  AccpStatus load() {
    Optional<String> classifier = classifier();
    if (classifier.isEmpty()) {
      return new AccpStatus.Unusable("no ACCP build for " + osName + "/" + osArch);
    }
    String resource = RESOURCES + "AmazonCorrettoCryptoProvider-" + classifier.get() + ".jar";
    Path jar;
    try (InputStream in = AccpLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        return new AccpStatus.Unusable("the WAR carries no " + resource);
      }
      jar = Files.createTempFile("scepra-accp-", ".jar");
      Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      return new AccpStatus.Unusable("cannot unpack " + resource + ": " + e.getMessage());
    }
    try {
      return check(open(jar));
    } catch (IOException | ReflectiveOperationException | LinkageError | RuntimeException e) {
      Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
      return new AccpStatus.Unusable("ACCP did not load: " + cause);
    } finally {
      // The class loader holds the jar open; the name is not needed again (ACCP does the same with its .so).
      try {
        Files.deleteIfExists(jar);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless
      }
    }
  }

  @SuppressWarnings("resource") // kept for the JVM's lifetime (JvmWideAccp)
  private static Provider open(Path jar) throws IOException, ReflectiveOperationException {
    URLClassLoader loader = new URLClassLoader("scepra-accp", new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    Class<?> type = Class.forName(PROVIDER_CLASS, true, loader);
    return (Provider) type.getField("INSTANCE").get(null);
  }

  /** ACCP's own verdict: a library that did not bind, or known-answer tests that failed, make it unusable. */
  private static AccpStatus check(Provider provider) throws ReflectiveOperationException {
    Object loadingError = provider.getClass().getMethod("getLoadingError").invoke(provider);
    if (loadingError != null) {
      return new AccpStatus.Unusable("ACCP's native library did not load: " + loadingError);
    }
    Object selfTest = provider.getClass().getMethod("runSelfTests").invoke(provider);
    if (!"PASSED".equals(String.valueOf(selfTest))) {
      return new AccpStatus.Unusable("ACCP's self-test says " + selfTest);
    }
    return new AccpStatus.Usable(provider);
  }
}
