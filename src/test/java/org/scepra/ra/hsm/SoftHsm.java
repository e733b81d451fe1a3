package org.scepra.ra.hsm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SoftHSM2 tokens for the unit tests, in a token directory of their own under {@code target/} (never the system's):
 * surefire sets {@code SOFTHSM2_CONF} for the test JVM (src/pom.xml), and the first test to ask writes that file and
 * initialises the tokens, before the module is loaded in this JVM (SoftHSM reads its tokens when it is initialised).
 */
public final class SoftHsm {
  public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  public static final String UTIL = "/usr/bin/softhsm2-util";
  public static final String LABEL = "scepra-unit";
  public static final String OTHER_LABEL = "scepra-unit-other";
  /**
   * A token no test logs in to: PKCS#11 logins are per process and token, and SunPKCS11 skips the login (and so the
   * PIN check) of a token this JVM is logged in to already.
   */
  public static final String UNUSED_LABEL = "scepra-unit-never-logged-in";
  public static final String PIN = "unit-1234";
  private static final String SO_PIN = "unit-so-5678";
  private static boolean ready;

  private SoftHsm() {}

  /** Whether SoftHSM2 is installed (.ci/run installs it, so in CI it always is). */
  public static boolean installed() {
    return Files.isReadable(LIBRARY) && Files.isExecutable(Path.of(UTIL));
  }

  /** For a test class's @BeforeAll: skips the class, saying why, without SoftHSM2; otherwise the tokens exist. */
  public static void tokensOrSkip() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(installed(),
        "SoftHSM2 is not installed (" + LIBRARY + "): apt-get install softhsm2");
    ensureTokens();
  }

  /** The tokens exist: {@link #LABEL} and {@link #OTHER_LABEL}, {@link #UNUSED_LABEL}, all with {@link #PIN}. */
  public static synchronized void ensureTokens() throws IOException, InterruptedException {
    if (ready) {
      return;
    }
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null || !conf.contains("target")) {
      throw new IllegalStateException("SOFTHSM2_CONF must point into target/ (set by surefire in src/pom.xml), was "
          + conf);
    }
    Path confFile = Path.of(conf);
    Path tokens = confFile.resolveSibling("tokens");
    if (Files.exists(tokens)) {
      try (Stream<Path> walk = Files.walk(tokens)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(tokens);
    Files.writeString(confFile, "directories.tokendir = " + tokens.toAbsolutePath() + "\n"
        + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n", StandardCharsets.US_ASCII);
    initToken(confFile, LABEL);
    initToken(confFile, OTHER_LABEL);
    initToken(confFile, UNUSED_LABEL);
    ready = true;
  }

  /** Initialises a token with {@code label} in the SoftHSM2 configuration {@code conf}. */
  public static void initToken(Path conf, String label) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(UTIL, "--init-token", "--free", "--label", label, "--pin", PIN,
        "--so-pin", SO_PIN));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SOFTHSM2_CONF", conf.toAbsolutePath().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("softhsm2-util --init-token failed: " + output);
    }
  }

  /** The settings of the token {@link #LABEL}, plus {@code extra}. */
  public static Map<String, String> settings(String pin) {
    return Map.of(Pkcs11Settings.LIBRARY, LIBRARY.toString(), Pkcs11Settings.TOKEN_LABEL, LABEL,
        Pkcs11Settings.PIN, pin);
  }
}
