package org.scepra.protocol;

import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * Which content-encryption and digest algorithms scepra accepts, and which it answers with.
 *
 * <p>RFC 8894 §2.9 forbids single DES and MD5; they are accepted only when legacy algorithms are
 * switched on (micromdm's scepclient speaks nothing else). Responses use the request's own
 * algorithms, which are never weaker than this policy's floor because weaker ones are refused.
 */
public final class AlgorithmPolicy {

  private static final Map<ASN1ObjectIdentifier, String> MODERN_CIPHERS =
      Map.of(
          CMSAlgorithm.AES128_CBC, "AES-128-CBC",
          CMSAlgorithm.AES192_CBC, "AES-192-CBC",
          CMSAlgorithm.AES256_CBC, "AES-256-CBC",
          CMSAlgorithm.DES_EDE3_CBC, "3DES-CBC");
  private static final Map<ASN1ObjectIdentifier, String> LEGACY_CIPHERS =
      Map.of(CMSAlgorithm.DES_CBC, "DES-CBC");

  private static final Map<ASN1ObjectIdentifier, String> MODERN_DIGESTS =
      Map.of(
          OIWObjectIdentifiers.idSHA1, "SHA1",
          NISTObjectIdentifiers.id_sha224, "SHA224",
          NISTObjectIdentifiers.id_sha256, "SHA256",
          NISTObjectIdentifiers.id_sha384, "SHA384",
          NISTObjectIdentifiers.id_sha512, "SHA512");
  private static final Map<ASN1ObjectIdentifier, String> LEGACY_DIGESTS =
      Map.of(PKCSObjectIdentifiers.md5, "MD5");

  private final boolean legacyAllowed;

  public AlgorithmPolicy(boolean legacyAllowed) {
    this.legacyAllowed = legacyAllowed;
  }

  public boolean legacyAllowed() {
    return legacyAllowed;
  }

  /** The cipher's display name if it may be used, empty if it must be refused (badAlg). */
  public Optional<String> contentEncryption(ASN1ObjectIdentifier oid) {
    return lookup(oid, MODERN_CIPHERS, LEGACY_CIPHERS);
  }

  /** The JCA digest name (e.g. {@code SHA256}) if it may be used, empty if refused (badAlg). */
  public Optional<String> digest(ASN1ObjectIdentifier oid) {
    return lookup(oid, MODERN_DIGESTS, LEGACY_DIGESTS);
  }

  /** The digest name for a JCA signature algorithm name such as {@code SHA256withRSA}. */
  public static String signatureAlgorithm(String digestName, String keyAlgorithm) {
    String key = "EC".equals(keyAlgorithm) ? "ECDSA" : keyAlgorithm;
    return digestName + "with" + key;
  }

  private Optional<String> lookup(
      ASN1ObjectIdentifier oid, Map<ASN1ObjectIdentifier, String> modern, Map<ASN1ObjectIdentifier, String> legacy) {
    String name = modern.get(oid);
    if (name == null && legacyAllowed) {
      name = legacy.get(oid);
    }
    return Optional.ofNullable(name);
  }
}
