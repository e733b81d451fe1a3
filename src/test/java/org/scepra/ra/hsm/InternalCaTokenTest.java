package org.scepra.ra.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.time.Instant;
import org.scepra.spi.CaRollover;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.backend.internalca.InternalCaBackend;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.CryptoProviders;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.testkit.MapConfig;

/**
 * The internal CA with its key in a PKCS#11 token ({@code scepra.internal-ca.keys=pkcs11}), against SoftHSM2: the key
 * is generated in the token on first use and found again after a restart, certificates are signed through the token,
 * and the CA's folder holds its certificate only.
 */
class InternalCaTokenTest {

  @TempDir Path dataDir;
  Pkcs11Token token;

  @BeforeAll
  static void tokens() throws Exception {
    SoftHsm.tokensOrSkip();
  }

  @AfterEach
  void logout() {
    if (token != null) {
      token.logout();
    }
  }

  private InternalCaBackend backend(Map<String, String> tokenSettings) {
    Map<String, String> values = new HashMap<>(tokenSettings);
    values.put("scepra.data-dir", dataDir.toString());
    values.put("scepra.internal-ca.key-size", "2048");
    values.put("scepra.internal-ca.keys", "pkcs11");
    // a label of its own: the token outlives this test's data dir
    values.put("scepra.internal-ca.keystore", dataDir.resolve("ca-" + dataDir.getFileName()).resolve("ca.p12")
        .toString());
    token = new Pkcs11Token(new MapConfig(values));
    return new InternalCaBackend(new MapConfig(values), CryptoProviders.JVM_DEFAULTS, token);
  }

  private static IssueRequest request(String cn) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
    return new IssueRequest("main", "tx-" + cn, csr, new CertificateProfile("device",
        Set.of(CertificateProfile.KeyUsage.DIGITAL_SIGNATURE), List.of(), Duration.ofDays(30)));
  }

  private List<String> files() throws Exception {
    try (Stream<Path> walk = Files.walk(dataDir)) {
      return walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theCaKeyIsGeneratedInTheTokenAndReusedAfterARestart() throws Exception {
    InternalCaBackend first = backend(SoftHsm.settings(SoftHsm.PIN));
    BackendHealth health = first.health("main");
    assertTrue(health.up(), health.detail());
    X509Certificate ca = first.caChain("main").get(0);
    IssueResult result = first.issue(request("device-1"));
    IssueResult.Issued issued = assertInstanceOf(IssueResult.Issued.class, result, result::toString);
    issued.certificate().verify(ca.getPublicKey());

    List<String> files = files();
    assertTrue(files.contains("ca.pem"), files.toString());
    assertFalse(files.stream().anyMatch(f -> f.endsWith(".p12") || f.endsWith(".pass")),
        "no keystore and no keystore password: " + files);
    String label = "scepra-ca-ca-" + dataDir.getFileName();
    assertEquals(ca, token.find(label).orElseThrow().certificate());
    assertNull(token.find(label).orElseThrow().key().getEncoded(), "the CA key never leaves the token");

    token.logout();
    InternalCaBackend restarted = backend(SoftHsm.settings(SoftHsm.PIN));
    assertEquals(ca, restarted.caChain("main").get(0), "the same CA, its key found in the token");
    IssueResult.Issued again = assertInstanceOf(IssueResult.Issued.class, restarted.issue(request("device-2")));
    again.certificate().verify(ca.getPublicKey());
    token.delete(label);
  }

  @Test
  void aRolloverGeneratesTheNextCaKeyInTheTokenToo() throws Exception {
    InternalCaBackend backend = backend(SoftHsm.settings(SoftHsm.PIN));
    X509Certificate current = backend.caChain("main").get(0);
    var result = backend.rollover("main", new CaRollover.Request(
        Optional.of(Instant.now().plus(Duration.ofHours(1))), OptionalInt.empty()));
    X509Certificate next = assertInstanceOf(CaRollover.Scheduled.class, result, result::toString).next()
        .certificates().get(0);
    assertFalse(next.getPublicKey().equals(current.getPublicKey()));
    String label = "scepra-ca-ca-" + dataDir.getFileName() + "-g2";
    assertEquals(next, token.find(label).orElseThrow().certificate());
    List<String> files = files();
    assertFalse(files.stream().anyMatch(f -> f.endsWith(".p12")), files.toString());

    token.logout();
    InternalCaBackend restarted = backend(SoftHsm.settings(SoftHsm.PIN));
    assertEquals(next, restarted.nextCa("main").orElseThrow().certificates().get(0),
        "the next CA is found again, its key in the token");
    token.delete(label);
    token.delete("scepra-ca-ca-" + dataDir.getFileName());
  }

  @Test
  void aCaWhoseKeyIsInAKeystoreIsNotReplacedByANewOneInTheToken() throws Exception {
    Path keystore = dataDir.resolve("ca-" + dataDir.getFileName()).resolve("ca.p12");
    Map<String, String> values = new HashMap<>();
    values.put("scepra.data-dir", dataDir.toString());
    values.put("scepra.internal-ca.key-size", "2048");
    values.put("scepra.internal-ca.keystore", keystore.toString());
    X509Certificate inFile = new InternalCaBackend(new MapConfig(values), CryptoProviders.JVM_DEFAULTS, token)
        .caChain("main").get(0);
    assertTrue(Files.exists(keystore));

    InternalCaBackend switched = backend(SoftHsm.settings(SoftHsm.PIN));
    BackendHealth health = switched.health("main");
    assertFalse(health.up(), health.detail());
    assertTrue(health.detail().contains("the internal CA's key is in the keystore " + keystore), health.detail());
    assertEquals(java.util.Optional.empty(), token.find("scepra-ca-ca-" + dataDir.getFileName()));
    assertFalse(Files.exists(keystore.resolveSibling("ca.pem")));
    assertTrue(inFile.getBasicConstraints() >= 0);
  }

  @Test
  void aTokenThatRefusesThePinMakesTheCaDownAndIssuesNothing() throws Exception {
    Map<String, String> settings = new HashMap<>(SoftHsm.settings("not-the-pin"));
    settings.put(Pkcs11Settings.TOKEN_LABEL, SoftHsm.UNUSED_LABEL);
    InternalCaBackend backend = backend(settings);
    BackendHealth health = backend.health("main");
    assertFalse(health.up());
    assertTrue(health.detail().contains("refused to log in with scepra.pkcs11.pin"), health.detail());
    assertFalse(health.detail().contains("not-the-pin"), health.detail());
    assertInstanceOf(IssueResult.Rejected.class, backend.issue(request("device-3")));
    assertFalse(files().stream().anyMatch(f -> f.endsWith(".pem") || f.endsWith(".p12")), files().toString());
  }
}
