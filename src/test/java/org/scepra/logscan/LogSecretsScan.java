package org.scepra.logscan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole integration suite (its own failsafe execution, once the servers have
 * stopped) and reads every log it wrote: the server's logs and the test JVMs' output. Fails if any
 * challenge password, keystore password or private key used in the suite appears in them.
 */
class LogSecretsScan {
  /** Secrets the suite configures or uses (arquillian.xml, AdminClient, the test doubles, Intune's app secret). */
  static final List<String> CONFIGURED = List.of("it-challenge-3141", "it-operator-pw-1", "it-viewer-pw-1",
      "it-trust", "it-ejbca-ra", "it-ejbca-trust", "it-intune-secret-5772", "it-intune-trust",
      // the console and mscep_admin users (issue 19)
      "it-mdm-pw-2", "it-cachefull-pw-3",
      // the AD CS endpoints: RA client keystore, CES trust store, the UsernameToken's password
      "it-adcs-ra", "it-adcs-trust", "it-adcs-user-pw-5",
      // the node tests (org.scepra.nodes): PostgreSQL, the scripted operators, the HTTPS keystore
      "scepra-it-db-pw", "alice-operator-pw-7", "node-tls-pw-4711",
      // the PKCS#11 token's PIN and a wrong one (Pkcs11NodeIT)
      "node-hsm-pin-8642", "node-hsm-wrong-pin-9753",
      // the admin of the Payara Server domain (PayaraServerScriptedIT)
      "payara-admin-pw-5");

  @Test
  void noSecretAppearsInAnyLog() throws Exception {
    Path dataDir = Path.of(System.getProperty("test.data.dir"));
    List<String> secrets = new ArrayList<>(CONFIGURED);
    List<Path> keystores = new ArrayList<>();
    // the data dirs of the Arquillian runs on WildFly and Payara Micro, and of the node tests, as far as they ran
    Path payaraDataDir = Path.of(System.getProperty("test.data.dir.payara", System.getProperty("test.data.dir")));
    Path nodesDir = Path.of(System.getProperty("scepra.war")).getParent().resolve("nodes");
    try (Stream<Path> files = Stream.of(dataDir, payaraDataDir, nodesDir).distinct().filter(Files::isDirectory)
        .flatMap(LogSecretsScan::walk)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        String name = file.getFileName().toString();
        if (name.endsWith(".pass")) {
          secrets.add(read(file).trim()); // generated keystore passwords
        } else if (name.endsWith(".challenges")) {
          read(file).lines().filter(line -> !line.isBlank()).forEach(secrets::add); // the Intune double's
        } else if (name.endsWith(".secrets")) {
          // secrets a test saw pass by, one a line (EjbcaIT: the one-time passwords the RA set in EJBCA)
          read(file).lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(secrets::add);
        } else if (name.endsWith(".p12") && Files.exists(file.resolveSibling(name + ".pass"))) {
          keystores.add(file);
        }
      });
    }
    for (Path keystore : keystores) {
      secrets.addAll(privateKeyFragments(keystore, read(keystore.resolveSibling(keystore.getFileName() + ".pass"))
          .trim().toCharArray()));
    }
    assertTrue(secrets.size() > CONFIGURED.size(), "the suite's generated keystores were found in " + dataDir
        + ", " + payaraDataDir + " or " + nodesDir);

    List<Path> logs = logs();
    assertFalse(logs.isEmpty(), "no logs found to scan");
    for (Path log : logs) {
      String text = read(log);
      for (String secret : secrets) {
        assertFalse(text.contains(secret), () -> "a secret (" + secret.substring(0, Math.min(6, secret.length()))
            + "...) appears in " + log);
      }
      assertFalse(text.contains("PRIVATE KEY-----"), () -> "PEM private key material appears in " + log);
    }
  }

  /** The server logs of every app server the suite ran, and the test JVMs' captured output. */
  static List<Path> logs() throws IOException {
    List<Path> logs = new ArrayList<>();
    Path target = Path.of(System.getProperty("scepra.war")).getParent();
    try (Stream<Path> files = Files.walk(target, 6)) {
      files.filter(Files::isRegularFile).filter(f -> {
        String path = f.toString();
        String name = f.getFileName().toString();
        return (path.contains("/log/") && (name.startsWith("server.log") || name.startsWith("scepra-audit.log")))
            || (path.contains("/nodes/") && (name.equals("console.log") || name.endsWith(".log")))
            || (path.contains("failsafe-reports") && path.endsWith("-output.txt"))
            || (path.contains("/payara-it/") && path.endsWith(".log")); // Payara Micro JVMs the tests restarted
      }).forEach(logs::add);
    }
    // the Payara Server domains of the node tests, deeper than the walk above
    Path payaraDomains = target.resolve("payara-server/payara6/glassfish/domains");
    if (Files.isDirectory(payaraDomains)) {
      try (Stream<Path> files = Files.walk(payaraDomains, 3)) {
        files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith("server.log"))
            .forEach(logs::add);
      }
    }
    Collections.sort(logs);
    return logs;
  }

  /** Base64 fragments of each private key's encoding, as they would show if a key were logged. */
  static List<String> privateKeyFragments(Path keystore, char[] password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password);
    }
    List<String> fragments = new ArrayList<>();
    for (String alias : Collections.list(store.aliases())) {
      Key key = store.getKey(alias, password);
      if (key != null) {
        String encoded = Base64.getEncoder().encodeToString(key.getEncoded());
        fragments.add(encoded.substring(encoded.length() / 2, encoded.length() / 2 + 40));
      }
    }
    return fragments;
  }

  private static Stream<Path> walk(Path dir) {
    try {
      return Files.walk(dir);
    } catch (IOException e) {
      throw new AssertionError("cannot list " + dir, e);
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }
}
