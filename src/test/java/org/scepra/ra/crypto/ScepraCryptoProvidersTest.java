package org.scepra.ra.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.scepra.testkit.TestPki;

/** The decision scepra.crypto.provider makes, with ACCP's status given. */
class ScepraCryptoProvidersTest {
  static final Provider FAST = new Provider("Fast", "1", "stands in for ACCP") {};
  static final KeyPair RSA = TestPki.rsa(1024);

  static Supplier<AccpStatus> usable() {
    return () -> new AccpStatus.Usable(FAST);
  }

  static Supplier<AccpStatus> unusable() {
    return () -> new AccpStatus.Unusable("no ACCP build for Plan9/mips");
  }

  @Test
  void autoTakesAccpWhereUsable() {
    ScepraCryptoProviders providers = new ScepraCryptoProviders(CryptoProviderSetting.AUTO, usable());
    assertEquals(Optional.of(FAST), providers.forKey(RSA.getPrivate()));
    assertEquals("Fast", providers.providerName());
  }

  @Test
  void autoFallsBackToTheJdkWhereAccpIsUnusable() {
    ScepraCryptoProviders providers = new ScepraCryptoProviders(CryptoProviderSetting.AUTO, unusable());
    assertEquals(Optional.empty(), providers.forKey(RSA.getPrivate()));
    assertEquals("jdk", providers.providerName());
  }

  @Test
  void jdkNeverLoadsAccp() {
    AtomicInteger asked = new AtomicInteger();
    ScepraCryptoProviders providers = new ScepraCryptoProviders(CryptoProviderSetting.JDK, () -> {
      asked.incrementAndGet();
      return new AccpStatus.Usable(FAST);
    });
    assertEquals(Optional.empty(), providers.forKey(RSA.getPrivate()));
    assertEquals(0, asked.get());
  }

  @Test
  void accpRefusesToStartWhereUnusableAndSaysWhy() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new ScepraCryptoProviders(CryptoProviderSetting.ACCP, unusable()));
    assertTrue(e.getMessage().startsWith("scepra.crypto.provider=accp, but ACCP is unusable here: no ACCP build for "
        + "Plan9/mips"), e.getMessage());
  }

  @Test
  void aKeyThatIsNotInMemoryStaysWithItsOwnProvider() {
    ScepraCryptoProviders providers = new ScepraCryptoProviders(CryptoProviderSetting.ACCP, usable());
    PrivateKey tokenKey = new PrivateKey() {
      @Override public String getAlgorithm() { return "RSA"; }
      @Override public String getFormat() { return null; }
      @Override public byte[] getEncoded() { return null; }
    };
    assertEquals(Optional.empty(), providers.forKey(tokenKey));
    assertEquals(Optional.of(FAST), providers.forKey(TestPki.ec().getPrivate()));
  }

  @Test
  void anAlgorithmTheProviderLacksGoesToTheJvm() {
    ScepraCryptoProviders providers = new ScepraCryptoProviders(CryptoProviderSetting.ACCP, usable());
    assertEquals(Optional.empty(), providers.forKey(RSA.getPrivate(), "Signature", "SHA256withRSA"));
  }
}
