package org.scepra.ra.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which ACCP build a platform gets, and that the bundled one loads here without touching the JVM's provider list. */
class AccpLoaderTest {

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
      "Linux, amd64, linux-x86_64",
      "Linux, x86_64, linux-x86_64",
      "Linux, aarch64, linux-aarch_64",
      "Linux, riscv64, none",
      "Linux, x86, none",
      "Mac OS X, aarch64, none",
      "Windows 11, amd64, none"})
  void picksTheBuildPublishedForThePlatform(String os, String arch, String classifier) {
    assertEquals(classifier.equals("none") ? Optional.empty() : Optional.of(classifier),
        new AccpLoader(os, arch).classifier());
  }

  @Test
  void anotherPlatformIsUnusableWithItsNameAsTheReason() {
    AccpStatus status = new AccpLoader("Windows 11", "amd64").load();
    assertEquals("no ACCP build for Windows 11/amd64",
        assertInstanceOf(AccpStatus.Unusable.class, status).reason());
  }

  @Test
  void theBundledBuildLoadsAndPassesItsSelfTestOnLinuxX8664WithoutBeingInstalled() {
    assumeTrue(AccpLoader.forThisJvm().classifier().isPresent(), "ACCP publishes no build for this platform");
    Provider[] before = Security.getProviders();
    // through the JVM-wide holder, as scepra does: a second load would start a second set of ACCP's threads
    Provider provider = assertInstanceOf(AccpStatus.Usable.class,
        JvmWideAccp.get(() -> AccpLoader.forThisJvm().load())).provider();
    assertEquals("AmazonCorrettoCryptoProvider", provider.getName());
    assertTrue(provider.getService("Signature", "SHA256withRSA") != null);
    assertEquals(Arrays.asList(before), Arrays.asList(Security.getProviders()), "the JVM's provider list is untouched");
    assertTrue(provider.getClass().getClassLoader() != AccpLoader.class.getClassLoader(),
        "ACCP has a class loader of its own");
  }

  @Test
  void settingIsAutoJdkOrAccpAndAnythingElseNamesTheKey() {
    assertEquals(CryptoProviderSetting.AUTO, CryptoProviderSetting.parse(Optional.empty()));
    assertEquals(CryptoProviderSetting.AUTO, CryptoProviderSetting.parse(Optional.of(" ")));
    assertEquals(CryptoProviderSetting.JDK, CryptoProviderSetting.parse(Optional.of("JDK")));
    assertEquals(CryptoProviderSetting.ACCP, CryptoProviderSetting.parse(Optional.of(" accp ")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CryptoProviderSetting.parse(Optional.of("openssl")));
    assertEquals("scepra.crypto.provider must be auto, jdk or accp, not 'openssl'", e.getMessage());
  }
}
