package org.scepra.ra.hsm;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The PKCS#11 token's settings: {@code scepra.pkcs11.library}, {@code scepra.pkcs11.slot} or
 * {@code scepra.pkcs11.token-label}, and {@code scepra.pkcs11.pin} (from the environment or a secret store; never
 * printed: {@link #toString()} leaves it out).
 */
record Pkcs11Settings(Optional<Path> library, Optional<Long> slot, Optional<String> tokenLabel, Optional<String> pin) {

  static final String LIBRARY = "scepra.pkcs11.library";
  static final String SLOT = "scepra.pkcs11.slot";
  static final String TOKEN_LABEL = "scepra.pkcs11.token-label";
  static final String PIN = "scepra.pkcs11.pin";

  /**
   * @throws IllegalStateException naming the key when a value is invalid, so that the deployment stops
   */
  static Pkcs11Settings read(Config config) {
    Optional<Path> library = string(config, LIBRARY).map(Path::of);
    Optional<Long> slot = string(config, SLOT).map(value -> {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalStateException(SLOT + " must be the token's slot ID (a number), not '" + value + "'", e);
      }
    });
    Optional<String> label = string(config, TOKEN_LABEL);
    if (slot.isPresent() && label.isPresent()) {
      throw new IllegalStateException("set either " + SLOT + " or " + TOKEN_LABEL + ", not both");
    }
    if (library.isEmpty() && (slot.isPresent() || label.isPresent())) {
      throw new IllegalStateException((slot.isPresent() ? SLOT : TOKEN_LABEL) + " is set, but " + LIBRARY
          + " (the PKCS#11 module) is not");
    }
    return new Pkcs11Settings(library, slot, label, config.getOptionalValue(PIN, String.class));
  }

  boolean configured() {
    return library.isPresent();
  }

  /** Which token, for operators: the slot, the label, or the first slot with a token. */
  String describeToken() {
    return slot.map(s -> "slot " + s).or(() -> tokenLabel.map(l -> "token '" + l + "'"))
        .orElse("the first slot with a token");
  }

  /**
   * SunPKCS11's configuration for a provider of its own ({@code name}): generated private keys are sensitive and
   * non-extractable session objects until stored with their certificate (then token objects).
   */
  String sunPkcs11Config(String name, Optional<Long> slotId) {
    StringBuilder config = new StringBuilder("name = ").append(name).append('\n')
        .append("library = ").append(library.orElseThrow()).append('\n');
    slotId.ifPresentOrElse(id -> config.append("slot = ").append(id).append('\n'),
        () -> config.append("slotListIndex = 0\n"));
    config.append("attributes(generate, CKO_PRIVATE_KEY, *) = {\n")
        .append("  CKA_TOKEN = false\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n");
    return config.toString();
  }

  private static Optional<String> string(Config config, String key) {
    return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
  }

  @Override
  public String toString() {
    return "Pkcs11Settings[library=" + library.map(Path::toString).orElse("-") + ", " + describeToken() + ", pin "
        + (pin.isPresent() ? "set" : "not set") + "]";
  }
}
