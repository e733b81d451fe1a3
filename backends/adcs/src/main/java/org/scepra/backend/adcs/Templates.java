package org.scepra.backend.adcs;

import java.util.Map;
import java.util.Optional;

/**
 * The AD CS certificate template for each scepra profile, as NDES picks {@code SignatureTemplate},
 * {@code EncryptionTemplate} or {@code GeneralPurposeTemplate} from the request's key usage. The
 * device profiles fall back to {@code template}; the RA's own two do not, since a device template
 * would give the RA certificates the wrong key usage.
 */
record Templates(Map<String, String> byProfile, Optional<String> fallback) {

  static final String SIGNATURE = "signature";
  static final String ENCRYPTION = "encryption";
  static final String GENERAL_PURPOSE = "general-purpose";
  static final String RA_SIGNING = "ra-signing";
  static final String RA_ENCRYPTION = "ra-encryption";
  static final String KEY = "template";

  Templates {
    byProfile = Map.copyOf(byProfile);
  }

  static Templates from(AdcsConfigReader reader) throws AdcsConfigException {
    Map<String, String> named = new java.util.HashMap<>();
    for (String profile : new String[] {SIGNATURE, ENCRYPTION, GENERAL_PURPOSE, RA_SIGNING, RA_ENCRYPTION}) {
      reader.optional(KEY + "." + profile).ifPresent(template -> named.put(profile, template));
    }
    Templates templates = new Templates(named, reader.optional(KEY));
    for (String profile : new String[] {SIGNATURE, ENCRYPTION, GENERAL_PURPOSE}) {
      if (templates.forProfile(profile).isEmpty()) {
        throw new AdcsConfigException(reader.key(KEY + "." + profile) + " (or " + reader.key(KEY) + ") is required");
      }
    }
    return templates;
  }

  /** The template for a scepra profile; empty for an RA profile that has none configured. */
  Optional<String> forProfile(String profile) {
    String named = byProfile.get(profile);
    if (named != null) {
      return Optional.of(named);
    }
    return profile.startsWith("ra-") ? Optional.empty() : fallback;
  }
}
