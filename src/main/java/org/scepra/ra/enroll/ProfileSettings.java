package org.scepra.ra.enroll;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.scepra.ra.authz.ConfigReader;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.CertificateProfile.KeyUsage;

/**
 * The three profiles an endpoint issues with, NDES-style (SignatureTemplate, EncryptionTemplate,
 * GeneralPurposeTemplate), each configurable under {@code scepra.endpoint.<alias>.profile.<name>.}.
 */
public final class ProfileSettings {
  public static final String SIGNATURE = "signature";
  public static final String ENCRYPTION = "encryption";
  public static final String GENERAL_PURPOSE = "general-purpose";

  private static final Map<String, String> EKU_NAMES = Map.of(
      "clientauth", "1.3.6.1.5.5.7.3.2", "serverauth", "1.3.6.1.5.5.7.3.1",
      "emailprotection", "1.3.6.1.5.5.7.3.4", "codesigning", "1.3.6.1.5.5.7.3.3", "ipsecike", "1.3.6.1.5.5.7.3.17");

  private ProfileSettings() {}

  public static Map<String, CertificateProfile> read(ConfigReader config) {
    int validityDays = config.integer("validity-days", 365);
    Map<String, CertificateProfile> profiles = new LinkedHashMap<>();
    profiles.put(SIGNATURE, profile(config, SIGNATURE, "digitalSignature", "clientAuth", validityDays));
    profiles.put(ENCRYPTION, profile(config, ENCRYPTION, "keyEncipherment", "", validityDays));
    profiles.put(GENERAL_PURPOSE, profile(config, GENERAL_PURPOSE, "digitalSignature,keyEncipherment", "clientAuth",
        validityDays));
    return profiles;
  }

  private static CertificateProfile profile(ConfigReader config, String name, String keyUsage, String eku,
      int validityDays) {
    String prefix = "profile." + name + ".";
    List<String> usages = config.list(prefix + "key-usage", List.of(keyUsage.split(",")));
    Set<KeyUsage> keyUsages = usages.stream().filter(u -> !u.isBlank())
        .map(u -> keyUsage(config.key(prefix + "key-usage"), u)).collect(Collectors.toSet());
    List<String> ekus = config.list(prefix + "extended-key-usage", eku.isEmpty() ? List.of() : List.of(eku)).stream()
        .map(e -> EKU_NAMES.getOrDefault(e.toLowerCase(Locale.ROOT), e)).toList();
    for (String oid : ekus) {
      if (!oid.matches("[0-2](\\.\\d+)+")) {
        throw new IllegalArgumentException(config.key(prefix + "extended-key-usage") + ": unknown usage '" + oid + "'");
      }
    }
    int days = config.integer(prefix + "validity-days", validityDays);
    if (days <= 0) {
      throw new IllegalArgumentException(config.key(prefix + "validity-days") + " must be positive");
    }
    return new CertificateProfile(name, keyUsages, ekus, Duration.ofDays(days));
  }

  private static KeyUsage keyUsage(String key, String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "digitalsignature" -> KeyUsage.DIGITAL_SIGNATURE;
      case "nonrepudiation", "contentcommitment" -> KeyUsage.NON_REPUDIATION;
      case "keyencipherment" -> KeyUsage.KEY_ENCIPHERMENT;
      case "dataencipherment" -> KeyUsage.DATA_ENCIPHERMENT;
      case "keyagreement" -> KeyUsage.KEY_AGREEMENT;
      default -> throw new IllegalArgumentException(key + ": unknown key usage '" + name + "'");
    };
  }
}
