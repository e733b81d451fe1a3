package org.scepra.ra.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.protocol.RaRecipient;
import org.scepra.ra.hsm.Pkcs11Token;
import org.scepra.ra.hsm.SoftHsm;
import org.scepra.ra.identity.RaIdentities;
import org.scepra.ra.identity.RaIdentity;
import org.scepra.ra.identity.RaIdentityUnavailable;
import org.scepra.spi.KeyToken;
import org.scepra.testkit.MapConfig;

/**
 * An endpoint's RA keys in a PKCS#11 token ({@code keys=pkcs11}), against SoftHSM2: generated in the token, found
 * again after a restart, renewed in the token, and the data directory never holds a private key.
 */
class RaTokenKeysTest {

  @TempDir Path dir;
  final FakeCa ca = new FakeCa();
  final RaRenewalTest.MovableClock clock = new RaRenewalTest.MovableClock();
  Pkcs11Token token;

  @BeforeAll
  static void tokens() throws Exception {
    SoftHsm.tokensOrSkip();
  }

  @AfterEach
  void logout() throws Exception {
    if (token != null) {
      logout(token);
    }
  }

  private Pkcs11Token start() {
    token = new Pkcs11Token(new MapConfig(SoftHsm.settings(SoftHsm.PIN)));
    return token;
  }

  /** What the application's end does (the @PreDestroy method is package-private to org.scepra.ra.hsm). */
  private static void logout(Pkcs11Token token) throws Exception {
    var method = Pkcs11Token.class.getDeclaredMethod("logout");
    method.setAccessible(true);
    method.invoke(token);
  }

  private RaIdentities identities(Pkcs11Token token) {
    return new RaIdentities(dir, Optional.empty(), 2048, clock,
        alias -> alias.equals("hsm") ? Optional.of((KeyToken) token) : Optional.empty());
  }

  private List<String> files() throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void keysAreGeneratedInTheTokenAndFoundAgainAfterARestart() throws Exception {
    RaIdentity first = identities(start()).obtain("hsm", ca, false);
    assertNull(first.signingKey().getEncoded(), "the signing key never leaves the token");
    assertNull(first.encryptionKey().getEncoded(), "the encryption key never leaves the token");
    assertEquals(2, ca.requests.size(), "the CA certified both keys");
    assertEquals(List.of("hsm.pkcs11", "hsm.pkcs11.lock"), files(), "certificates' labels only: no keystore");
    String labels = Files.readString(dir.resolve("hsm.pkcs11"));
    assertFalse(labels.contains("PRIVATE"), labels);
    assertEquals(first.signingCertificate(), token.find(label(labels, "signing")).orElseThrow().certificate());

    logout(token);
    RaIdentity again = identities(start()).obtain("hsm", ca, false);
    assertEquals(first.signingCertificate(), again.signingCertificate());
    assertEquals(first.encryptionCertificate(), again.encryptionCertificate());
    assertEquals(2, ca.requests.size(), "nothing new issued on the restart");
    assertDecrypts(again.encryptionKey(), again, token.provider());
  }

  @Test
  void selfSignedKeysAreSignedThroughTheToken() throws Exception {
    RaIdentity identity = identities(start()).obtain("hsm", ca, true);
    identity.signingCertificate().verify(identity.signingCertificate().getPublicKey());
    assertEquals(0, ca.requests.size());
    assertTrue(token.labelOf(identity.encryptionCertificate()).isPresent());
  }

  @Test
  void anEndpointWithFileKeysKeepsItsKeystore() throws Exception {
    RaIdentity file = identities(start()).obtain("plain", ca, false);
    assertTrue(file.signingKey().getEncoded() != null, "an in-memory key");
    assertTrue(files().contains("plain.p12"), files().toString());
    assertEquals(Optional.empty(), token.labelOf(file.signingCertificate()));
  }

  @Test
  void renewalMakesNewKeysInTheTokenAndKeepsThePreviousEncryptionKey() throws Exception {
    RaIdentities identities = identities(start());
    RaIdentity first = identities.obtain("hsm", ca, false);
    String firstSigningLabel = token.labelOf(first.signingCertificate()).orElseThrow();
    String firstEncryptionLabel = token.labelOf(first.encryptionCertificate()).orElseThrow();
    clock.advance(Duration.ofDays(21));
    RaIdentity renewed = identities.renew("hsm", ca, false, first);
    assertNotEquals(first.encryptionCertificate().getPublicKey(), renewed.encryptionCertificate().getPublicKey());
    assertEquals(List.of(first.encryptionCertificate()),
        renewed.retired().stream().map(RaIdentity.Retired::certificate).toList());
    assertEquals(Optional.empty(), token.find(firstSigningLabel), "the replaced signing key is removed");
    assertTrue(token.find(firstEncryptionLabel).isPresent(), "the previous encryption key still decrypts");

    logout(token);
    RaIdentity restarted = identities(start()).existing("hsm").orElseThrow();
    assertEquals(renewed.signingCertificate(), restarted.signingCertificate());
    assertEquals(1, restarted.retired().size());
    assertDecrypts(restarted.retired().get(0).key(), first, token.provider());
  }

  @Test
  void aTokenThatCannotBeUsedMakesNoIdentityAndSaysWhy() throws Exception {
    token = new Pkcs11Token(new MapConfig(Map.of("scepra.pkcs11.library", SoftHsm.LIBRARY.toString(),
        "scepra.pkcs11.token-label", "absent-token", "scepra.pkcs11.pin", SoftHsm.PIN)));
    RaIdentityUnavailable e = assertThrows(RaIdentityUnavailable.class,
        () -> identities(token).obtain("hsm", ca, false));
    assertTrue(e.getMessage().contains("no token labelled 'absent-token'"), e.getMessage());
    assertEquals(0, ca.requests.size());
    assertEquals(List.of(), files().stream().filter(f -> !f.endsWith(".lock")).toList());
  }

  @Test
  void aRestartWithAWrongPinLeavesTheEndpointUnavailableInsteadOfStoppingTheDeployment() throws Exception {
    identities(start()).obtain("hsm", ca, false); // the keys and their labels exist
    logout(token);
    // the same labels file, read with a token that refuses the PIN (the one no other test logs in to)
    token = new Pkcs11Token(new MapConfig(Map.of("scepra.pkcs11.library", SoftHsm.LIBRARY.toString(),
        "scepra.pkcs11.token-label", SoftHsm.UNUSED_LABEL, "scepra.pkcs11.pin", "a-wrong-pin")));
    java.util.concurrent.ScheduledThreadPoolExecutor scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
    RaBootstrap bootstrap = new RaBootstrap(identities(token), scheduler, RaBootstrapTest.FAST, Duration.ofSeconds(1),
        java.time.Clock.systemUTC());
    try {
      Map<String, String> config = Map.of("scepra.endpoint.hsm.backend", "fake");
      Endpoint endpoint = new Endpoint(new ScepraSettings(new MapConfig(config)).endpoint("hsm"), ca,
          org.scepra.spi.CryptoProviders.JVM_DEFAULTS);
      bootstrap.start(List.of(endpoint)); // does not throw
      EndpointState.Unavailable state = org.junit.jupiter.api.Assertions.assertInstanceOf(
          EndpointState.Unavailable.class, endpoint.state());
      assertTrue(state.reason().contains("PKCS#11 token, which cannot be used"), state.reason());
      assertTrue(state.reason().contains("CKR_PIN_INCORRECT"), state.reason());
      assertFalse(state.reason().contains("a-wrong-pin"), state.reason());
      assertTrue(state.nextAttempt().isPresent(), "tried again");
      assertEquals(2, ca.requests.size(), "no new keys while the token is unusable");
    } finally {
      bootstrap.stop();
      scheduler.shutdownNow();
    }
  }

  @Test
  void envelopesWithEveryContentCipherAClientMayChooseOpenWithTheTokenKey() throws Exception {
    RaIdentity identity = identities(start()).obtain("hsm", ca, false);
    // micromdm scepclient encrypts with single DES, old Windows clients with 3DES, jscep with AES
    for (var algorithm : List.of(CMSAlgorithm.DES_CBC, CMSAlgorithm.DES_EDE3_CBC, CMSAlgorithm.AES128_CBC,
        CMSAlgorithm.AES256_CBC)) {
      assertDecrypts(identity.encryptionKey(), identity, token.provider(), algorithm);
    }
  }

  private static void assertDecrypts(java.security.PrivateKey key, RaIdentity identity, Provider provider)
      throws Exception {
    assertDecrypts(key, identity, provider, CMSAlgorithm.AES128_CBC);
  }

  /** A request envelope to {@code identity}'s encryption certificate opens with the token key. */
  private static void assertDecrypts(java.security.PrivateKey key, RaIdentity identity, Provider provider,
      org.bouncycastle.asn1.ASN1ObjectIdentifier contentAlgorithm) throws Exception {
    byte[] content = "a PKCS#10 request".getBytes(StandardCharsets.US_ASCII);
    CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(identity.encryptionCertificate()));
    CMSEnvelopedData envelope = generator.generate(new CMSProcessableByteArray(content),
        new JceCMSContentEncryptorBuilder(contentAlgorithm).build());
    RecipientInformation recipient = envelope.getRecipientInfos().getRecipients().iterator().next();
    assertArrayEquals(content, recipient.getContent(new RaRecipient(key, Optional.of(provider))),
        contentAlgorithm::getId);
  }

  private static String label(String properties, String role) throws Exception {
    java.util.Properties p = new java.util.Properties();
    p.load(new java.io.StringReader(properties));
    return p.getProperty(role);
  }
}
