package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.interop.JscepEnroll;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.TestPki;

/**
 * RA certificate lifecycle on a running server, without a restart. Endpoint {@code rarenew} (an internal CA of its
 * own): its RA keystore is replaced, as another node or an operator would, by certificates from its CA that expire in
 * 10 days, inside the 30-day renewal window; scepra picks them up, renews them with new keys by itself, GetCACert
 * serves the new ones, clients that still encrypt to the previous certificates are answered, and jscep enrolls.
 * Endpoint {@code rasupplied}: an expired RA keystore from another CA (supplied) takes it out of service, saying which
 * certificate expired and when; a valid replacement brings it back.
 */
@ExtendWith(ArquillianExtension.class)
public class RaRenewalIT {
  static final Duration PATIENCE = Duration.ofMinutes(3);
  static final String RENEW = "scep/rarenew";
  static final String SUPPLIED = "scep/rasupplied";
  static final SecureRandom RANDOM = new SecureRandom();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  @Test
  void renewsNearExpiryCertificatesByItselfAndStillOpensRequestsToThePreviousOnes(@TempDir Path dir)
      throws Exception {
    Path data = Path.of(System.getProperty("test.data.dir"));
    List<X509Certificate> original = ScepHttp.caCerts(base, RENEW);
    X509Certificate ca = original.get(original.size() - 1);
    PrivateKey caKey = caKey(data.resolve("rarenew-ca"));

    Instant notAfter = Instant.now().plus(Duration.ofDays(10));
    RaKeys nearExpiry = raKeys("rarenew", ca, caKey, Instant.now().minus(Duration.ofDays(700)), notAfter);
    replaceKeystore(data.resolve("ra"), "rarenew", nearExpiry);

    List<X509Certificate> renewed = awaitCaCerts(RENEW, certs -> !certs.get(0).equals(original.get(0))
        && !certs.get(0).equals(nearExpiry.encryption())
        && certs.get(0).getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(365))));
    assertNotEquals(nearExpiry.encryption().getPublicKey(), renewed.get(0).getPublicKey(), "new keys");
    assertNotEquals(original.get(1), renewed.get(1));
    Certs.assertChainsTo(renewed.get(0), List.of(ca));
    Certs.assertChainsTo(renewed.get(1), List.of(ca));

    // clients that fetched GetCACert before the renewal still encrypt to the previous certificates
    for (X509Certificate previous : List.of(nearExpiry.encryption(), original.get(0))) {
      ItDevice cached = cachedDevice(List.of(previous, nearExpiry.signing(), ca));
      CertRep answer = cached.pkcsReq("rarenew-" + UUID.randomUUID());
      assertEquals("0", answer.pkiStatus(), () -> "encrypted to " + previous.getSerialNumber().toString(16) + ": "
          + answer.failInfoText());
      Certs.assertChainsTo(answer.certificates().get(0), List.of(ca));
    }

    ItReadiness ready = ItReadiness.fast(base);
    assertTrue(ready.up("ra-certificates:rarenew"), ready::toString);
    assertTrue(ready.detail("ra-certificates:rarenew").contains("scepra renews them"), ready::toString);
    long seconds = expirySeconds("rarenew", "encryption");
    assertTrue(seconds > Duration.ofDays(365).toSeconds(), "expiry metric " + seconds);

    Processes.Result jscep = jscep(dir, Deployments.resolve(base, RENEW));
    assertTrue(jscep.succeeded(), jscep::describe);
    Certs.assertChainsTo(Certs.readCertificate(dir.resolve("out").resolve("cert.pem")), List.of(ca));
  }

  @Test
  void anExpiredSuppliedCertificateTakesTheEndpointOutUntilItIsReplaced() throws Exception {
    Path raDir = Path.of(System.getProperty("test.data.dir")).resolve("ra");
    ScepHttp.caCerts(base, SUPPLIED); // serving
    Path keystore = raDir.resolve("rasupplied.p12");
    Path saved = Files.copy(keystore, raDir.resolve("rasupplied.p12.saved-by-it"), StandardCopyOption.REPLACE_EXISTING);

    KeyPair otherCaKey = TestPki.rsa(2048);
    X509Certificate otherCa = TestPki.selfSigned(otherCaKey, "CN=Operator's Other CA");
    Instant expiredAt = Instant.now().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    RaKeys expired = raKeys("rasupplied", otherCa, otherCaKey.getPrivate(), expiredAt.minus(Duration.ofDays(400)),
        expiredAt);
    try {
      replaceKeystore(raDir, "rasupplied", expired);
      // DOWN from the instant it expired; then the look at its keystore adds what to do
      ItReadiness down = ItReadiness.await(base, r -> r.detail("endpoint:rasupplied").contains("replace "), PATIENCE);
      assertEquals("DOWN", down.status("endpoint:rasupplied"), down::toString);
      String detail = down.detail("endpoint:rasupplied");
      assertTrue(detail.contains("RA encryption certificate") && detail.contains("expired at "
          + expired.encryption().getNotAfter().toInstant()), down::toString);
      assertTrue(detail.contains("replace " + keystore), down::toString);
      assertEquals(503, ScepHttp.get(base, SUPPLIED + "?operation=GetCACert").status());
      String cn = "it-" + UUID.randomUUID();
      KeyPair key = TestPki.rsa(2048);
      ItDevice device = new ItDevice(base, SUPPLIED, cn, key, TestPki.selfSigned(key, "CN=" + cn),
          List.of(expired.encryption(), expired.signing(), otherCa));
      byte[] message = org.scepra.testkit.ScepTestClient.pkiMessage(device.csr(ItDevice.CHALLENGE),
          expired.encryption(), key, device.selfSigned(),
          org.scepra.testkit.ScepTestClient.Options.defaults("expired-" + UUID.randomUUID()));
      ScepHttp.Response refused = ScepHttp.post(base, SUPPLIED + "?operation=PKIOperation",
          "application/x-pki-message", message);
      assertEquals(503, refused.status(), "no enrollment is answered with an expired RA certificate");
    } finally {
      Path temporary = raDir.resolve("rasupplied.p12.it-tmp");
      Files.copy(saved, temporary, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temporary, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(saved);
    }
    ItReadiness back = ItReadiness.await(base, r -> r.up("endpoint:rasupplied"), PATIENCE);
    assertTrue(back.up("endpoint:rasupplied"), back::toString);
    assertEquals(200, ScepHttp.get(base, SUPPLIED + "?operation=GetCACert").status());
  }

  record RaKeys(X509Certificate signing, PrivateKey signingKey, X509Certificate encryption, PrivateKey encryptionKey) {}

  private ItDevice cachedDevice(List<X509Certificate> caCerts) {
    String cn = "it-" + UUID.randomUUID();
    KeyPair key = TestPki.rsa(2048);
    return new ItDevice(base, RENEW, cn, key, TestPki.selfSigned(key, "CN=" + cn), caCerts);
  }

  private List<X509Certificate> awaitCaCerts(String path, java.util.function.Predicate<List<X509Certificate>> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    List<X509Certificate> certs = ScepHttp.caCerts(base, path);
    while (!wanted.test(certs)) {
      assertTrue(System.nanoTime() < deadline, () -> "GetCACert did not change as expected within " + PATIENCE);
      Thread.sleep(1000);
      certs = ScepHttp.caCerts(base, path);
    }
    return certs;
  }

  private long expirySeconds(String alias, String usage) {
    String metrics = ScepHttp.get(base, "status/metrics").text();
    Matcher m = Pattern.compile("(?m)^scepra_ra_certificate_expiry_seconds\\{alias=\"" + alias + "\",usage=\""
        + usage + "\"} (-?\\d+)$").matcher(metrics);
    assertTrue(m.find(), metrics);
    return Long.parseLong(m.group(1));
  }

  /** The endpoint CA's key, as an operator with access to the data dir reads it. */
  private static PrivateKey caKey(Path caDir) throws Exception {
    char[] password = Files.readString(caDir.resolve("ca.p12.pass"), StandardCharsets.UTF_8).strip().toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(caDir.resolve("ca.p12"))) {
      store.load(in, password);
    }
    return (PrivateKey) store.getKey("ca", password);
  }

  private static RaKeys raKeys(String alias, X509Certificate ca, PrivateKey caKey, Instant notBefore,
      Instant notAfter) throws Exception {
    KeyPair signing = TestPki.rsa(2048);
    KeyPair encryption = TestPki.rsa(2048);
    return new RaKeys(
        certificate("CN=it RA Signing (" + alias + ")", signing, ca, caKey, KeyUsage.digitalSignature, notBefore,
            notAfter), signing.getPrivate(),
        certificate("CN=it RA Encryption (" + alias + ")", encryption, ca, caKey, KeyUsage.keyEncipherment,
            notBefore, notAfter.minusSeconds(60)), encryption.getPrivate());
  }

  private static X509Certificate certificate(String subject, KeyPair key, X509Certificate ca, PrivateKey caKey,
      int usage, Instant notBefore, Instant notAfter) throws Exception {
    var builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
        new BigInteger(96, RANDOM).setBit(95), Date.from(notBefore), Date.from(notAfter), new X500Name(subject),
        key.getPublic());
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey)));
  }

  /** Writes the endpoint's RA keystore as an operator would: a new file, renamed into place. */
  private static void replaceKeystore(Path raDir, String alias, RaKeys keys) throws Exception {
    char[] password = Files.readString(raDir.resolve(alias + ".p12.pass"), StandardCharsets.US_ASCII).strip()
        .toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("ra-signing", keys.signingKey(), password, new Certificate[] {keys.signing()});
    store.setKeyEntry("ra-encryption", keys.encryptionKey(), password, new Certificate[] {keys.encryption()});
    Path temporary = raDir.resolve(alias + ".p12.it-tmp");
    try (var out = Files.newOutputStream(temporary)) {
      store.store(out, password);
    }
    Files.move(temporary, raDir.resolve(alias + ".p12"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static Processes.Result jscep(Path dir, String url) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(), url,
        "jscep-rarenew-" + UUID.randomUUID(), ItDevice.CHALLENGE, dir.resolve("out").toString()));
    return Processes.run(command, dir, Duration.ofSeconds(120));
  }
}
