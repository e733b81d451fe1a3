package org.scepra.ra.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.scepra.ra.authz.ConfigReader;
import org.scepra.spi.CertificateProfile;
import org.scepra.testkit.MapConfig;
import org.scepra.testkit.TestPki;

class ProfilesTest {
  static final KeyPair KEY = TestPki.rsa(2048);

  static PKCS10CertificationRequest csrRequesting(Integer keyUsage) throws Exception {
    var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device"), KEY.getPublic());
    if (keyUsage != null) {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
    }
    return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(KEY.getPrivate()));
  }

  /** NDES's rule: the key usage a CSR asks for picks the template. */
  @ParameterizedTest
  @CsvSource({"128, signature", "64, signature", "32, encryption", "16, encryption", "160, general-purpose",
      "1, general-purpose"})
  void keyUsageSelectsTheProfile(int keyUsage, String profile) throws Exception {
    assertEquals(profile, Profiles.selectName(csrRequesting(keyUsage)));
  }

  @Test
  void noKeyUsageMeansGeneralPurpose() throws Exception {
    assertEquals("general-purpose", Profiles.selectName(csrRequesting(null)));
  }

  @Test
  void profilesAreConfigurablePerEndpoint() {
    Map<String, CertificateProfile> profiles = ProfileSettings.read(new ConfigReader(new MapConfig(Map.of(
        "scepra.endpoint.e.profile.encryption.extended-key-usage", "emailProtection,1.2.3.4",
        "scepra.endpoint.e.profile.encryption.validity-days", "30")), "e"));
    CertificateProfile encryption = profiles.get("encryption");
    assertEquals(java.util.List.of("1.3.6.1.5.5.7.3.4", "1.2.3.4"), encryption.extendedKeyUsages());
    assertEquals(java.time.Duration.ofDays(30), encryption.validity());
    assertTrue(encryption.keyUsages().contains(CertificateProfile.KeyUsage.KEY_ENCIPHERMENT));
    assertEquals(java.time.Duration.ofDays(365), profiles.get("signature").validity());
  }

  @Test
  void unknownKeyUsageNamesTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProfileSettings.read(
        new ConfigReader(new MapConfig(Map.of("scepra.endpoint.e.profile.signature.key-usage", "flying")), "e")));
    assertTrue(e.getMessage().contains("scepra.endpoint.e.profile.signature.key-usage"), e.getMessage());
  }
}
