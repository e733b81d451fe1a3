package org.scepra.backend.internalca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaKeyStoreTest {

  @TempDir Path dir;

  private Path keystore() {
    return dir.resolve("internal-ca").resolve("ca.p12");
  }

  private CaIdentity start() throws Exception {
    return new CaKeyStore(keystore(), TestCsrs.smallCa())
        .createOrLoad(KeystorePassword.file(CaKeyStore.passwordFileFor(keystore())));
  }

  @Test
  void firstStartCreatesKeystoreAndOwnerOnlyPasswordFile() throws Exception {
    Instant before = Instant.now();
    X509Certificate ca = start().certificate();

    Path passwordFile = dir.resolve("internal-ca").resolve("ca.p12.pass");
    assertTrue(Files.isRegularFile(keystore()));
    assertTrue(Files.isRegularFile(passwordFile));
    assertTrue(Files.readString(passwordFile).length() >= 40, "a long random password");
    if (OwnerOnlyFiles.supportsPosix(dir)) {
      assertEquals("rw-------", perms(passwordFile));
      assertEquals("rw-------", perms(keystore()));
    }

    assertEquals("CN=scepra Internal CA,O=scepra", ca.getSubjectX500Principal().getName());
    assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
    ca.verify(ca.getPublicKey());
    assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints(), "CA:true without path length");
    assertTrue(ca.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15")));
    boolean[] keyUsage = ca.getKeyUsage();
    assertTrue(keyUsage[5] && keyUsage[6], "keyCertSign and cRLSign");
    assertTrue(IntStream.range(0, 5).noneMatch(i -> keyUsage[i]));
    assertNotNull(ca.getExtensionValue("2.5.29.14"), "subjectKeyIdentifier");
    Instant notBefore = ca.getNotBefore().toInstant();
    assertTrue(Duration.between(notBefore, before).compareTo(Duration.ofMinutes(4)) > 0);
    assertEquals(Duration.ofDays(3650), Duration.between(notBefore, ca.getNotAfter().toInstant()));
  }

  @Test
  void secondStartReloadsTheSameCa() throws Exception {
    CaIdentity first = start();
    CaIdentity second = start();
    assertArrayEquals(first.certificate().getEncoded(), second.certificate().getEncoded());
    assertArrayEquals(first.privateKey().getEncoded(), second.privateKey().getEncoded());
  }

  @Test
  void configuredPasswordCreatesNoPasswordFile() throws Exception {
    CaKeyStore store = new CaKeyStore(keystore(), TestCsrs.smallCa());
    CaIdentity created = store.createOrLoad(KeystorePassword.of("s3cret".toCharArray()));
    CaIdentity loaded = store.createOrLoad(KeystorePassword.of("s3cret".toCharArray()));
    assertArrayEquals(created.certificate().getEncoded(), loaded.certificate().getEncoded());
    assertTrue(Files.notExists(CaKeyStore.passwordFileFor(keystore())));
  }

  @Test
  void wrongPasswordFailsClearlyAndLeavesTheKeystoreUntouched() throws Exception {
    CaKeyStore store = new CaKeyStore(keystore(), TestCsrs.smallCa());
    store.createOrLoad(KeystorePassword.of("correct-horse".toCharArray()));
    byte[] bytes = Files.readAllBytes(keystore());
    FileTime modified = Files.getLastModifiedTime(keystore());

    InternalCaException e =
        assertThrows(
            InternalCaException.class,
            () -> store.createOrLoad(KeystorePassword.of("bad-battery".toCharArray())));

    assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
    assertTrue(e.getMessage().contains(keystore().toString()), e.getMessage());
    assertFalse(e.getMessage().contains("correct-horse") || e.getMessage().contains("bad-battery"));
    assertArrayEquals(bytes, Files.readAllBytes(keystore()));
    assertEquals(modified, Files.getLastModifiedTime(keystore()));
  }

  @Test
  void wrongPasswordFileFailsToo() throws Exception {
    start();
    Files.writeString(CaKeyStore.passwordFileFor(keystore()), "tampered", StandardCharsets.UTF_8);
    InternalCaException e = assertThrows(InternalCaException.class, this::start);
    assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
  }

  @Test
  void missingPasswordFileForAnExistingKeystoreIsNotRegenerated() throws Exception {
    start();
    Files.delete(CaKeyStore.passwordFileFor(keystore()));
    InternalCaException e = assertThrows(InternalCaException.class, this::start);
    assertTrue(e.getMessage().contains("password file"), e.getMessage());
    assertTrue(Files.notExists(CaKeyStore.passwordFileFor(keystore())));
  }

  @Test
  void concurrentStartsInOneJvmShareOneCa() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Callable<CaIdentity> startCa = this::start;
    try {
      List<Future<CaIdentity>> starts =
          IntStream.range(0, 4).mapToObj(i -> pool.submit(startCa)).toList();
      byte[] expected = starts.get(0).get(60, TimeUnit.SECONDS).certificate().getEncoded();
      for (Future<CaIdentity> f : starts) {
        assertArrayEquals(expected, f.get(60, TimeUnit.SECONDS).certificate().getEncoded());
      }
      assertArrayEquals(expected, start().certificate().getEncoded());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentStartsInTwoJvmsShareOneCa() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> jvms =
        IntStream.range(0, 2)
            .mapToObj(
                i ->
                    start(
                        new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                StartCaMain.class.getName(),
                                keystore().toString())
                            .redirectError(ProcessBuilder.Redirect.INHERIT)))
            .toList();
    String expected = StartCaMain.fingerprint(start().certificate());
    for (Process jvm : jvms) {
      assertTrue(jvm.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
      assertEquals(0, jvm.exitValue());
      String printed = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertEquals(expected, printed.strip());
    }
  }

  private static Process start(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String perms(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
