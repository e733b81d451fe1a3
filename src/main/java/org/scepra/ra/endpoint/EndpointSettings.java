package org.scepra.ra.endpoint;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One SCEP endpoint's configuration, read once at start-up from {@code scepra.endpoint.<alias>.*}.
 *
 * @param alias the endpoint's name in {@code /scep/<alias>}
 * @param backend the CA backend's name ({@code @Backend} value)
 * @param challenge the static challengePassword; empty means no request is authorized by challenge
 * @param legacyAlgorithms whether single DES and MD5 are accepted
 * @param validity validity of issued certificates
 * @param manualApproval whether authorized requests wait for an operator before anything is issued
 * @param selfSignedRaCertificates whether the RA certificates sign themselves instead of being
 *     issued by the backend (for backends that cannot issue at once)
 */
public record EndpointSettings(
    String alias, String backend, Optional<String> challenge, boolean legacyAlgorithms, Duration validity,
    boolean manualApproval, boolean selfSignedRaCertificates) {

  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  public EndpointSettings {
    Objects.requireNonNull(alias, "alias");
    if (!ALIAS.matcher(alias).matches()) {
      throw new IllegalArgumentException("endpoint alias must be 1-32 letters, digits, '_' or '-': " + alias);
    }
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(validity, "validity");
  }

  /** Whether a string could name an endpoint at all (used before any lookup). */
  public static boolean isValidAlias(String alias) {
    return alias != null && ALIAS.matcher(alias).matches();
  }

  @Override
  public String toString() {
    // Never print the challenge.
    return "EndpointSettings[alias=" + alias + ", backend=" + backend + ", challenge="
        + (challenge.isPresent() ? "set" : "unset") + ", legacyAlgorithms=" + legacyAlgorithms
        + ", validity=" + validity + ", approval=" + (manualApproval ? "manual" : "auto") + "]";
  }
}
