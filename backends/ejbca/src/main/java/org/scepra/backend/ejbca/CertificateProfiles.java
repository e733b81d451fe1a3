package org.scepra.backend.ejbca;

/**
 * Which EJBCA certificate profile to use for a scepra profile name: {@code
 * certificate-profile.<name>} if set, else {@code certificate-profile}. Looked up per request, so
 * keys given as environment variables work too (they are not listed by name).
 */
final class CertificateProfiles {

  static final String KEY = "certificate-profile";
  static final String DEFAULT = "ENDUSER";

  private final ConfigReader reader;
  private final String defaultProfile;

  CertificateProfiles(ConfigReader reader) {
    this.reader = reader;
    this.defaultProfile = reader.optional(KEY).orElse(DEFAULT);
  }

  String forProfile(String scepraProfile) {
    return reader.optional(KEY + "." + scepraProfile).orElse(defaultProfile);
  }

  /** Which EJBCA certificate profile a scepra profile gets and which key chose it, for operators. */
  String describe(String scepraProfile) {
    String specific = reader.key(KEY + "." + scepraProfile);
    if (reader.optional(KEY + "." + scepraProfile).isPresent()) {
      return "the EJBCA certificate profile " + forProfile(scepraProfile) + " (" + specific + ")";
    }
    return "the EJBCA certificate profile " + defaultProfile + " (" + reader.key(KEY) + ", as " + specific
        + " is unset; map that to a profile of its own)";
  }
}
