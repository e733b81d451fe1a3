package org.scepra.ra.endpoint;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.scepra.ra.authz.AuthorizationSettings;
import org.scepra.spi.CertificateProfile;

/**
 * One SCEP endpoint's configuration, read once at start-up from {@code scepra.endpoint.<alias>.*}.
 *
 * @param alias the endpoint's name in {@code /scep/<alias>}
 * @param backend the CA backend's name ({@code @Backend} value)
 * @param legacyAlgorithms whether single DES and MD5 are accepted
 * @param manualApproval whether authorized requests wait for an operator before anything is issued
 * @param selfSignedRaCertificates whether the RA certificates sign themselves instead of being
 *     issued by the backend (for backends that cannot issue at once)
 * @param authorization who may enroll and for what
 * @param profiles certificate profiles by name (signature, encryption, general-purpose)
 */
public record EndpointSettings(
    String alias,
    String backend,
    boolean legacyAlgorithms,
    boolean manualApproval,
    boolean selfSignedRaCertificates,
    AuthorizationSettings authorization,
    Map<String, CertificateProfile> profiles) {

  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  public EndpointSettings {
    Objects.requireNonNull(alias, "alias");
    if (!ALIAS.matcher(alias).matches()) {
      throw new IllegalArgumentException("endpoint alias must be 1-32 letters, digits, '_' or '-': " + alias);
    }
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(authorization, "authorization");
    profiles = Map.copyOf(profiles);
  }

  /** Whether a string could name an endpoint at all (used before any lookup). */
  public static boolean isValidAlias(String alias) {
    return alias != null && ALIAS.matcher(alias).matches();
  }

  public CertificateProfile profile(String name) {
    CertificateProfile profile = profiles.get(name);
    if (profile == null) {
      throw new IllegalArgumentException("endpoint " + alias + " has no profile " + name);
    }
    return profile;
  }

  @Override
  public String toString() {
    // The authorization settings print no secrets.
    return "EndpointSettings[alias=" + alias + ", backend=" + backend + ", legacyAlgorithms=" + legacyAlgorithms
        + ", approval=" + (manualApproval ? "manual" : "auto") + ", " + authorization + ", profiles="
        + profiles.keySet() + "]";
  }
}
