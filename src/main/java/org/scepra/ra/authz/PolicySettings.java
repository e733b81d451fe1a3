package org.scepra.ra.authz;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an endpoint issues for: subject and SAN rules, key strength, CSR signature algorithms.
 *
 * @param subjectPattern a regular expression the whole subject DN (RFC 2253 form) must match
 * @param requiredRdns attribute names (CN, O, ...) the subject must contain
 * @param sanTypes allowed subjectAltName types: dns, email, ip, uri, upn, other
 * @param sanPatterns per SAN type, a regular expression every such name must match
 * @param signatureAlgorithms allowed CSR signature algorithms (JCA names, upper case)
 */
public record PolicySettings(int minRsaKeySize, Optional<Pattern> subjectPattern, List<String> requiredRdns,
    Set<String> sanTypes, Map<String, Pattern> sanPatterns, Set<String> signatureAlgorithms) {

  static final List<String> SAN_TYPES = List.of("dns", "email", "ip", "uri", "upn", "other");
  static final List<String> DEFAULT_SIGNATURES = List.of("SHA1WITHRSA", "SHA224WITHRSA", "SHA256WITHRSA",
      "SHA384WITHRSA", "SHA512WITHRSA", "SHA256WITHRSAANDMGF1", "SHA384WITHRSAANDMGF1", "SHA512WITHRSAANDMGF1",
      "SHA256WITHECDSA", "SHA384WITHECDSA", "SHA512WITHECDSA");

  public static PolicySettings read(ConfigReader config) {
    Map<String, Pattern> sanPatterns = SAN_TYPES.stream()
        .filter(type -> config.pattern("policy.san-pattern." + type).isPresent())
        .collect(Collectors.toMap(type -> type, type -> config.pattern("policy.san-pattern." + type).orElseThrow()));
    List<String> sanTypes = config.list("policy.san-types", List.of("dns", "email", "ip", "uri"));
    for (String type : sanTypes) {
      if (!SAN_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(config.key("policy.san-types") + ": unknown SAN type '" + type + "'");
      }
    }
    int minRsa = config.integer("policy.min-rsa-key-size", 2048);
    if (minRsa < 1024) {
      throw new IllegalArgumentException(config.key("policy.min-rsa-key-size") + " below 1024 is never safe");
    }
    return new PolicySettings(minRsa, config.pattern("policy.subject-pattern"),
        config.list("policy.required-rdns", List.of()).stream().map(s -> s.toUpperCase(Locale.ROOT)).toList(),
        sanTypes.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()),
        Map.copyOf(sanPatterns),
        config.list("policy.signature-algorithms", DEFAULT_SIGNATURES).stream()
            .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
  }
}
