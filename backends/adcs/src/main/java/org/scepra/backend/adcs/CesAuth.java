package org.scepra.backend.adcs;

import java.util.Optional;

/**
 * How scepra proves itself to CES ([MS-WSTEP] 3.1.1.1): one CES instance is installed per
 * authentication type, each with its own URL ({@code …_CES_Certificate}, {@code
 * …_CES_UsernamePassword}).
 */
enum CesAuth {
  /** TLS client authentication with the RA's certificate (3.1.1.1.2). */
  CLIENT_CERTIFICATE("client-certificate"),
  /** A WS-Security UsernameToken with the password in clear, inside TLS (3.1.1.1.3). */
  USERNAME("username");

  private final String value;

  CesAuth(String value) {
    this.value = value;
  }

  String value() {
    return value;
  }

  static Optional<CesAuth> of(String value) {
    for (CesAuth auth : values()) {
      if (auth.value.equals(value)) {
        return Optional.of(auth);
      }
    }
    return Optional.empty();
  }
}
