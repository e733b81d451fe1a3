package com.example.scepra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.testkit.MapConfig;

/** A backend's unit test needs nothing of scepra but the SPI's types and a config. */
class ExampleCaBackendTest {

  @Test
  void issuesForTheRequestWithTheProfilesKeyUsageCappedValidityAndItsChain() throws Exception {
    ExampleCaBackend backend = new ExampleCaBackend(new MapConfig(Map.of(
        "scepra.endpoint.lab.example.max-validity-hours", "2")));
    KeyPair device = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device-7"),
        device.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(device.getPrivate()));
    CertificateProfile profile = new CertificateProfile("signature",
        Set.of(CertificateProfile.KeyUsage.DIGITAL_SIGNATURE), List.of("1.3.6.1.5.5.7.3.2"), Duration.ofDays(365));

    IssueResult result = backend.issue(new IssueRequest("lab", "tx-1", csr, profile));

    X509Certificate issued = assertInstanceOf(IssueResult.Issued.class, result).certificate();
    assertEquals("CN=device-7", issued.getSubjectX500Principal().getName());
    assertEquals(device.getPublic(), issued.getPublicKey());
    assertTrue(issued.getKeyUsage()[0] && !issued.getKeyUsage()[2], "digitalSignature only");
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), issued.getExtendedKeyUsage());
    long hours = Duration.between(issued.getNotBefore().toInstant(), issued.getNotAfter().toInstant()).toHours();
    assertTrue(hours <= 2, "capped at max-validity-hours, not the profile's year: " + hours);
    X509Certificate ca = backend.caChain("lab").get(0);
    issued.verify(ca.getPublicKey());
    assertTrue(backend.health("lab").up());
  }
}
