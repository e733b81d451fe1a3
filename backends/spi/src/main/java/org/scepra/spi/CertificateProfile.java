package org.scepra.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the RA asks a backend to issue. Backends that apply extensions themselves (the internal CA)
 * use the key usages, extended key usages and validity; backends with their own profiles (EJBCA)
 * map {@link #name()} to one of theirs.
 *
 * @param name the profile's name, e.g. {@code signature}, {@code encryption}, {@code general-purpose}
 * @param keyUsages key usage bits to set
 * @param extendedKeyUsages extended key usage OIDs, in dotted form
 * @param validity how long the certificate is valid
 */
public record CertificateProfile(
    String name, Set<KeyUsage> keyUsages, List<String> extendedKeyUsages, Duration validity) {

  public CertificateProfile {
    Objects.requireNonNull(name, "name");
    keyUsages = Set.copyOf(keyUsages);
    extendedKeyUsages = List.copyOf(extendedKeyUsages);
    Objects.requireNonNull(validity, "validity");
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive");
    }
  }

  /** X.509 key usage bits (RFC 5280 §4.2.1.3). */
  public enum KeyUsage {
    DIGITAL_SIGNATURE,
    NON_REPUDIATION,
    KEY_ENCIPHERMENT,
    DATA_ENCIPHERMENT,
    KEY_AGREEMENT
  }
}
