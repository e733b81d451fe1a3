package org.scepra.ra.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scepra.spi.KeyToken;
import org.scepra.testkit.MapConfig;

/** {@link Pkcs11Token} against SoftHSM2 tokens of its own (see {@link SoftHsm}). */
class Pkcs11TokenTest {

  @BeforeAll
  static void tokens() throws Exception {
    SoftHsm.tokensOrSkip();
  }

  private static Pkcs11Token token(Map<String, String> settings) {
    return new Pkcs11Token(new MapConfig(settings));
  }

  private static Map<String, String> with(Map<String, String> settings, String key, String value) {
    Map<String, String> copy = new HashMap<>(settings);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return copy;
  }

  static X509Certificate selfSigned(KeyPair keys, KeyToken token, String cn) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X500Name name = new X500Name("CN=" + cn);
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
        Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic());
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(token.provider())
            .build(keys.getPrivate())));
  }

  @Test
  void generatedKeysStayInTheTokenAndAreFoundAgainByANewProviderAfterARestart() throws Exception {
    Pkcs11Token first = token(SoftHsm.settings(SoftHsm.PIN));
    assertEquals(Optional.empty(), first.problem());
    KeyPair keys = first.generateRsa(2048);
    assertNull(keys.getPrivate().getEncoded(), "a token key is never exported");
    assertFalse(Security.getProviders()[0] == first.provider());
    for (var provider : Security.getProviders()) {
      assertNotEquals(first.provider(), provider, "the token's provider stays out of the JVM's list");
    }
    X509Certificate certificate = selfSigned(keys, first, "generated");
    assertEquals(Optional.empty(), first.find("unit-generated"));
    first.store("unit-generated", keys.getPrivate(), certificate);
    assertEquals(Optional.of("unit-generated"), first.labelOf(certificate));
    first.logout();

    // the next start: another provider instance, logged in afresh, finds the key by its label and signs with it
    Pkcs11Token second = token(SoftHsm.settings(SoftHsm.PIN));
    KeyToken.Entry found = second.find("unit-generated").orElseThrow();
    assertEquals(certificate, found.certificate());
    assertNull(found.key().getEncoded(), "the stored key is still sensitive and non-extractable");
    Signature signer = Signature.getInstance("SHA256withRSA", second.provider());
    signer.initSign(found.key());
    signer.update("to sign".getBytes(StandardCharsets.US_ASCII));
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update("to sign".getBytes(StandardCharsets.US_ASCII));
    assertTrue(verifier.verify(signature));

    // and decrypts what was encrypted to the certificate (the RA's key-exchange key)
    Cipher encrypt = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    encrypt.init(Cipher.ENCRYPT_MODE, certificate.getPublicKey());
    byte[] secret = "a content key 16".getBytes(StandardCharsets.US_ASCII);
    Cipher decrypt = Cipher.getInstance("RSA/ECB/PKCS1Padding", second.provider());
    decrypt.init(Cipher.DECRYPT_MODE, found.key());
    assertArrayEquals(secret, decrypt.doFinal(encrypt.doFinal(secret)));

    second.delete("unit-generated");
    assertEquals(Optional.empty(), second.find("unit-generated"));
    second.logout();
  }

  @Test
  void aKeyNeverStoredIsGoneWithItsSession() throws Exception {
    Pkcs11Token token = token(SoftHsm.settings(SoftHsm.PIN));
    KeyPair keys = token.generateRsa(2048);
    X509Certificate certificate = selfSigned(keys, token, "unstored");
    assertEquals(Optional.empty(), token.labelOf(certificate));
    token.logout();
    Pkcs11Token next = token(SoftHsm.settings(SoftHsm.PIN));
    assertEquals(Optional.empty(), next.labelOf(certificate));
    next.logout();
  }

  @Test
  void aTokenLabelSelectsItsSlotAmongSeveral() throws Exception {
    Pkcs11Token other = token(with(SoftHsm.settings(SoftHsm.PIN), Pkcs11Settings.TOKEN_LABEL, SoftHsm.OTHER_LABEL));
    KeyPair keys = other.generateRsa(2048);
    X509Certificate certificate = selfSigned(keys, other, "other");
    other.store("unit-other", keys.getPrivate(), certificate);
    assertTrue(other.describe().contains(SoftHsm.OTHER_LABEL), other.describe());
    other.logout();

    Pkcs11Token main = token(SoftHsm.settings(SoftHsm.PIN));
    assertEquals(Optional.empty(), main.find("unit-other"), "the key is in the other token only");
    main.logout();
    Pkcs11Token again = token(with(SoftHsm.settings(SoftHsm.PIN), Pkcs11Settings.TOKEN_LABEL, SoftHsm.OTHER_LABEL));
    assertEquals(certificate, again.find("unit-other").orElseThrow().certificate());
    again.delete("unit-other");
    again.logout();
  }

  @Test
  void aWrongPinIsAProblemNamingThePinSettingButNeverThePin() {
    Pkcs11Token token = token(with(SoftHsm.settings("wrong-pin-4321"), Pkcs11Settings.TOKEN_LABEL,
        SoftHsm.UNUSED_LABEL));
    String problem = token.problem().orElseThrow();
    assertTrue(problem.contains("refused to log in with " + Pkcs11Settings.PIN), problem);
    assertTrue(problem.contains("CKR_PIN_INCORRECT"), problem);
    assertFalse(problem.contains("wrong-pin-4321"), problem);
    GeneralSecurityException e = assertThrows(GeneralSecurityException.class, token::provider);
    assertEquals(problem, e.getMessage());
    assertThrows(GeneralSecurityException.class, () -> token.find("anything"));
  }

  @Test
  void aRefusedPinIsNeverTriedAgainWhileAMissingTokenIs() {
    Pkcs11Token wrongPin = new Pkcs11Token(new MapConfig(with(SoftHsm.settings("wrong-pin-4321"),
        Pkcs11Settings.TOKEN_LABEL, SoftHsm.UNUSED_LABEL)), 0);
    String first = wrongPin.problem().orElseThrow();
    assertTrue(first.contains("not tried again until scepra is restarted"), first);
    assertEquals(Optional.of(first), wrongPin.problem());
    assertEquals(Optional.of(first), wrongPin.problem());
    assertEquals(1, wrongPin.opens(), "one login with the wrong PIN, however often asked (no lock-out)");

    Pkcs11Token missing = new Pkcs11Token(new MapConfig(with(SoftHsm.settings(SoftHsm.PIN),
        Pkcs11Settings.TOKEN_LABEL, "comes-later")), 0);
    String gone = missing.problem().orElseThrow();
    assertFalse(gone.contains("not tried again"), gone);
    missing.problem();
    missing.problem();
    assertEquals(3, missing.opens(), "a missing token is looked for again (here without delay)");
  }

  @Test
  void aMissingTokenIsAProblemNamingTheLabelsPresent() {
    Pkcs11Token token = token(with(SoftHsm.settings(SoftHsm.PIN), Pkcs11Settings.TOKEN_LABEL, "no-such-token"));
    String problem = token.problem().orElseThrow();
    assertTrue(problem.contains("no token labelled 'no-such-token'"), problem);
    assertTrue(problem.contains("'" + SoftHsm.LABEL + "'"), problem);
  }

  @Test
  void aMissingSlotIsAProblemNamingTheSlot() {
    Map<String, String> settings = with(SoftHsm.settings(SoftHsm.PIN), Pkcs11Settings.TOKEN_LABEL, null);
    Pkcs11Token token = token(with(settings, Pkcs11Settings.SLOT, "987654"));
    String problem = token.problem().orElseThrow();
    assertTrue(problem.contains("slot 987654"), problem);
  }

  @Test
  void aMissingLibraryIsAProblemNamingIt() {
    Pkcs11Token token = token(with(SoftHsm.settings(SoftHsm.PIN), Pkcs11Settings.LIBRARY, "/nonexistent/libp11.so"));
    String problem = token.problem().orElseThrow();
    assertTrue(problem.contains("/nonexistent/libp11.so") && problem.contains(Pkcs11Settings.LIBRARY), problem);
  }

  @Test
  void aMissingPinIsAProblemNamingTheSetting() {
    Pkcs11Token token = token(with(SoftHsm.settings(SoftHsm.PIN), Pkcs11Settings.PIN, null));
    String problem = token.problem().orElseThrow();
    assertTrue(problem.contains(Pkcs11Settings.PIN + " is not set"), problem);
  }

  @Test
  void invalidSettingsStopTheDeploymentNamingTheKey() {
    IllegalStateException both = assertThrows(IllegalStateException.class,
        () -> token(with(SoftHsm.settings(SoftHsm.PIN), Pkcs11Settings.SLOT, "1")));
    assertTrue(both.getMessage().contains(Pkcs11Settings.SLOT), both.getMessage());
    IllegalStateException slot = assertThrows(IllegalStateException.class, () -> token(Map.of(
        Pkcs11Settings.LIBRARY, SoftHsm.LIBRARY.toString(), Pkcs11Settings.SLOT, "first")));
    assertTrue(slot.getMessage().contains(Pkcs11Settings.SLOT), slot.getMessage());
    assertFalse(token(Map.of()).configured());
    assertFalse(new Pkcs11Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("secret-pin"))
        .toString().contains("secret-pin"));
  }
}
