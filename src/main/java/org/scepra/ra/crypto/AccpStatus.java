package org.scepra.ra.crypto;

import java.security.Provider;
import java.util.Objects;

/** Whether Amazon Corretto Crypto Provider (ACCP, a JCA provider over AWS-LC) can be used in this JVM. */
public sealed interface AccpStatus {

  /** Loaded, its native library bound and its self-test passed. */
  record Usable(Provider provider) implements AccpStatus {
    public Usable {
      Objects.requireNonNull(provider, "provider");
    }
  }

  /** Why not: no build for this platform, the library did not load, or the self-test failed. */
  record Unusable(String reason) implements AccpStatus {
    public Unusable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
