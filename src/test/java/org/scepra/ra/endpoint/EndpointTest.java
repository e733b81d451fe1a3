package org.scepra.ra.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.PkiMessage;
import org.scepra.protocol.ScepFailureException;
import org.scepra.ra.identity.RaIdentity;
import org.scepra.testkit.Csrs;
import org.scepra.spi.CryptoProviders;
import org.scepra.testkit.MapConfig;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.TestPki;

/** An endpoint's state: unavailable until it has an RA identity, which can be replaced while it serves. */
class EndpointTest {
  final FakeCa ca = new FakeCa();
  final Endpoint endpoint = new Endpoint(
      new ScepraSettings(new MapConfig(Map.of("scepra.endpoint.lab.backend", "fake"))).endpoint("lab"), ca, CryptoProviders.JVM_DEFAULTS);

  @Test
  void isUnavailableUntilItHasAnRaIdentity() {
    EndpointState.Unavailable state = assertInstanceOf(EndpointState.Unavailable.class, endpoint.state());
    assertThrows(IllegalStateException.class, endpoint::decoder);

    endpoint.unavailable("the CA is down", Optional.of(Instant.now().plusSeconds(5)));
    EndpointState.Unavailable later = assertInstanceOf(EndpointState.Unavailable.class, endpoint.state());

    assertEquals("the CA is down", later.reason());
    assertEquals(state.since(), later.since(), "unavailable since the start, not since the last reason");
  }

  @Test
  void aReplacedIdentityStillOpensRequestsEncryptedToThePreviousOneWhenAsked() throws Exception {
    RaIdentity first = identity();
    RaIdentity renewed = identity();
    endpoint.activate(first);
    KeyPair device = TestPki.rsa(2048);
    byte[] toFirst = ScepTestClient.pkiMessage(Csrs.csr(device, "CN=dev1", "secret").getEncoded(),
        first.encryptionCertificate(), device, TestPki.selfSigned(device, "CN=dev1"),
        ScepTestClient.Options.defaults("tx-1"));

    endpoint.activate(renewed, first.decryptionKeys(CryptoProviders.JVM_DEFAULTS));

    EndpointState.Serving serving = assertInstanceOf(EndpointState.Serving.class, endpoint.state());
    assertEquals(renewed, serving.identity());
    assertEquals(List.of(renewed.encryptionCertificate(), renewed.signingCertificate()),
        endpoint.caCertificates().subList(0, 2), "GetCACert shows the new RA certificates");
    assertInstanceOf(PkiMessage.PkcsReq.class, endpoint.decoder().decode(toFirst).message());

    endpoint.activate(renewed);
    ScepFailureException refused = assertThrows(ScepFailureException.class, () -> endpoint.decoder().decode(toFirst));
    assertEquals(FailInfo.BAD_MESSAGE_CHECK, refused.failInfo());
  }

  private RaIdentity identity() {
    KeyPair signing = TestPki.rsa(2048);
    KeyPair encryption = TestPki.rsa(2048);
    return new RaIdentity(
        TestPki.certificate("CN=RA Signing", signing.getPublic(), "CN=Fake CA", ca.caKey.getPrivate(),
            KeyUsage.digitalSignature, Duration.ofDays(1)), signing.getPrivate(),
        TestPki.certificate("CN=RA Encryption", encryption.getPublic(), "CN=Fake CA", ca.caKey.getPrivate(),
            KeyUsage.keyEncipherment, Duration.ofDays(1)), encryption.getPrivate());
  }
}
