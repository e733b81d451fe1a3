package org.scepra.ra.crypto;

import java.util.Locale;
import java.util.Optional;

/** {@code scepra.crypto.provider}: who does the RA's and the internal CA's RSA private-key operations. */
public enum CryptoProviderSetting {
  /** ACCP where its native library loads and its self-test passes, else the JDK. */
  AUTO,
  /** The JVM's own providers (SunRsaSign, SunJCE). */
  JDK,
  /** ACCP, or the deployment stops. */
  ACCP;

  public static final String KEY = "scepra.crypto.provider";

  /** @throws IllegalArgumentException naming the key, for any other value */
  public static CryptoProviderSetting parse(Optional<String> value) {
    String text = value.map(String::trim).filter(s -> !s.isEmpty()).orElse("auto");
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "jdk" -> JDK;
      case "accp" -> ACCP;
      default -> throw new IllegalArgumentException(KEY + " must be auto, jdk or accp, not '" + text + "'");
    };
  }

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
