package org.scepra.backend.internalca;

import org.scepra.spi.CryptoProviders;
import org.scepra.testkit.MapConfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.Backend;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.IssueResult.Reason;

class InternalCaBackendTest {

  @TempDir Path dataDir;

  private InternalCaBackend backend(String... keyValues) {
    Map<String, String> values = new HashMap<>();
    values.put("scepra.data-dir", dataDir.toString());
    values.put("scepra.internal-ca.key-size", "2048");
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return new InternalCaBackend(new MapConfig(values), CryptoProviders.JVM_DEFAULTS);
  }

  private static IssueRequest request() {
    return new IssueRequest("main", "tx-1", TestCsrs.csr("CN=device-1"), TestCsrs.PROFILE);
  }

  @Test
  void isAnApplicationScopedBackendNamedInternalCa() {
    assertEquals(
        "internal-ca", InternalCaBackend.class.getAnnotation(Backend.class).value());
    assertTrue(InternalCaBackend.class.isAnnotationPresent(ApplicationScoped.class));
  }

  @Test
  void createsTheCaUnderTheDataDirOnFirstUseAndReusesIt() {
    InternalCaBackend first = backend();
    BackendHealth health = first.health("default");

    assertTrue(health.up(), health.detail());
    assertTrue(
        health.detail().startsWith("internal CA CN=scepra Internal CA,O=scepra, valid until "),
        health.detail());
    assertTrue(Files.isRegularFile(dataDir.resolve("internal-ca/ca.p12")));
    assertTrue(Files.isRegularFile(dataDir.resolve("internal-ca/ca.p12.pass")));

    X509Certificate ca = first.caChain("default").get(0);
    assertEquals(1, first.caChain("default").size());
    IssueResult.Issued issued = assertInstanceOf(IssueResult.Issued.class, first.issue(request()));
    assertEquals(ca, issued.chain().get(0));

    assertArrayEquals(
        assertDoesNotThrowEncoded(ca), assertDoesNotThrowEncoded(backend().caChain("default").get(0)));
  }

  @Test
  void honoursConfiguredKeystorePasswordAndSubject() {
    Path keystore = dataDir.resolve("elsewhere/my-ca.p12");
    InternalCaBackend backend =
        backend(
            "scepra.internal-ca.keystore", keystore.toString(),
            "scepra.internal-ca.keystore-password", "Pa55word!",
            "scepra.internal-ca.subject", "CN=Test CA,O=Example,C=DE");

    BackendHealth health = backend.health("default");
    assertTrue(health.up(), health.detail());
    assertFalse(health.detail().contains("Pa55word!"));
    assertEquals(
        "CN=Test CA,O=Example,C=DE", backend.caChain("default").get(0).getSubjectX500Principal().getName());
    assertTrue(Files.isRegularFile(keystore));
    assertTrue(Files.notExists(CaKeyStore.passwordFileFor(keystore)));
  }

  @Test
  void brokenConfigurationMakesOnlyThisBackendUnavailable() {
    InternalCaBackend backend = backend("scepra.internal-ca.key-size", "big");

    BackendHealth health = backend.health("default");
    assertFalse(health.up());
    assertTrue(health.detail().contains("scepra.internal-ca.key-size"), health.detail());
    IssueResult.Rejected rejected =
        assertInstanceOf(IssueResult.Rejected.class, backend.issue(request()));
    assertEquals(Reason.CA_UNAVAILABLE, rejected.reason());
    assertThrows(IllegalStateException.class, () -> backend.caChain("default"));
  }

  @Test
  void wrongPasswordIsReportedAndNothingIsRegenerated() throws Exception {
    Path keystore = dataDir.resolve("internal-ca/ca.p12");
    assertTrue(backend("scepra.internal-ca.keystore-password", "first-secret").health("default").up());
    byte[] before = Files.readAllBytes(keystore);

    InternalCaBackend wrong = backend("scepra.internal-ca.keystore-password", "second-secret");
    BackendHealth health = wrong.health("default");

    assertFalse(health.up());
    assertTrue(health.detail().contains("wrong password"), health.detail());
    assertFalse(health.detail().contains("-secret"), "no password in the health detail");
    assertEquals(
        Reason.CA_UNAVAILABLE,
        assertInstanceOf(IssueResult.Rejected.class, wrong.issue(request())).reason());
    assertArrayEquals(before, Files.readAllBytes(keystore));
  }

  private static byte[] assertDoesNotThrowEncoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
