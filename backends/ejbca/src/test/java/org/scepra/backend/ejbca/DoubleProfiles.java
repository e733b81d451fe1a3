package org.scepra.backend.ejbca;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962NamedCurves;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The profiles of the double's EJBCA and what a default EJBCA takes from them: key usages and extended key usages
 * from the certificate profile, never from the request, unless the profile allows key usage override (off by
 * default); the keys the certificate profile allows; and from the end entity profile how many of each subject DN
 * and altName field an end entity may have (EJBCA's EMPTY profile: one of each, two DC and two DNSNAME; a common
 * name required), the values of fields that are not modifiable, and which certificate profiles it offers.
 */
final class DoubleProfiles {

  /** A certificate profile; with key usage override, a request's keyUsage extension wins over {@code keyUsage}. */
  record CertificateProfile(int keyUsage, List<KeyPurposeId> ekus, boolean keyUsageOverride, KeyPolicy keys) {
    CertificateProfile(int keyUsage, List<KeyPurposeId> ekus, boolean keyUsageOverride) {
      this(keyUsage, ekus, keyUsageOverride, KeyPolicy.ANY);
    }
  }

  /**
   * The keys a certificate profile takes: its Available Key Algorithms, Available ECDSA curves and the lowest and
   * highest of its Available Bit Lengths. A named curve in {@code curves} is taken whatever its size; other curves
   * only with {@link #ANY_CURVE}, and then by size.
   */
  record KeyPolicy(Set<String> algorithms, Set<String> curves, int minBits, int maxBits) {
    static final String ANY_CURVE = "ANY_EC_CURVE";
    /** A new profile's defaults: every algorithm, any curve, bit lengths 0 to 8192. */
    static final KeyPolicy ANY = new KeyPolicy(Set.of("RSA", "ECDSA", "DSA", "Ed25519", "Ed448"), Set.of(ANY_CURVE),
        0, 8192);
  }

  /**
   * An end entity profile: the number of fields of each kind, by EJBCA's field names; the required ones; the values a
   * field that is not modifiable may take (its every occurrence); and its Available Certificate Profiles.
   */
  record EndEntityProfile(Map<String, Integer> fields, Set<String> required, Map<String, Set<String>> fixedValues,
      Set<String> certificateProfiles) {}

  static final String EMPTY = "EMPTY";
  static final String SCEP = "SCEP";

  private static final Map<ASN1ObjectIdentifier, String> DN_FIELDS = Map.ofEntries(
      Map.entry(BCStyle.CN, "COMMONNAME"), Map.entry(BCStyle.O, "ORGANIZATION"),
      Map.entry(BCStyle.OU, "ORGANIZATIONALUNIT"), Map.entry(BCStyle.C, "COUNTRY"), Map.entry(BCStyle.L, "LOCALITY"),
      Map.entry(BCStyle.ST, "STATEORPROVINCE"), Map.entry(BCStyle.SERIALNUMBER, "DNSERIALNUMBER"),
      Map.entry(BCStyle.UID, "UID"), Map.entry(BCStyle.DC, "DOMAINCOMPONENT"),
      Map.entry(BCStyle.EmailAddress, "DNEMAILADDRESS"), Map.entry(BCStyle.T, "TITLE"));
  private static final Map<String, String> ALT_NAME_FIELDS = Map.of("dNSName", "DNSNAME", "iPAddress", "IPADDRESS",
      "rfc822name", "RFC822NAME", "uniformResourceIdentifier", "UNIFORMRESOURCEID", "upn", "UPN",
      "registeredID", "REGISTEREDID");

  private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
      PKCSObjectIdentifiers.rsaEncryption, "RSA", X9ObjectIdentifiers.id_ecPublicKey, "ECDSA",
      X9ObjectIdentifiers.id_dsa, "DSA", EdECObjectIdentifiers.id_Ed25519, "Ed25519",
      EdECObjectIdentifiers.id_Ed448, "Ed448");

  private DoubleProfiles() {}

  static Map<String, CertificateProfile> certificateProfiles() {
    int ds = KeyUsage.digitalSignature;
    int ke = KeyUsage.keyEncipherment;
    return new HashMap<>(Map.of(
        // EJBCA's fixed profiles
        "ENDUSER", new CertificateProfile(ds | KeyUsage.nonRepudiation | ke,
            List.of(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection), false),
        "SERVER", new CertificateProfile(ds | ke, List.of(KeyPurposeId.id_kp_serverAuth), false),
        // profiles an administrator creates, as the backend's README describes them
        "SCEP_SIGNATURE", new CertificateProfile(ds, List.of(KeyPurposeId.id_kp_clientAuth), false),
        "SCEP_RA_SIGNING", new CertificateProfile(ds, List.of(), false),
        "SCEP_RA_ENCRYPTION", new CertificateProfile(ke, List.of(), false),
        "SCEP_RA_OVERRIDE", new CertificateProfile(ds | ke, List.of(), true),
        // a device profile as a careful administrator narrows it: RSA 2048-4096, ECDSA on P-256 and P-384 only
        "SCEP_DEVICE", new CertificateProfile(ds | ke, List.of(KeyPurposeId.id_kp_clientAuth), false,
            new KeyPolicy(Set.of("RSA", "ECDSA"), Set.of("secp256r1", "secp384r1"), 2048, 4096))));
  }

  static Map<String, EndEntityProfile> endEntityProfiles() {
    Map<String, Integer> empty = new HashMap<>();
    DN_FIELDS.values().forEach(field -> empty.put(field, 1));
    ALT_NAME_FIELDS.values().forEach(field -> empty.put(field, 1));
    empty.put("DOMAINCOMPONENT", 2);
    empty.put("DNSNAME", 2);
    // what an administrator offers scepra: the RA's and the devices' certificate profiles
    Set<String> forScepra = Set.of("ENDUSER", "SERVER", "SCEP_SIGNATURE", "SCEP_DEVICE", "SCEP_RA_SIGNING",
        "SCEP_RA_ENCRYPTION", "SCEP_RA_OVERRIDE");
    return new HashMap<>(Map.of(
        // EJBCA's EMPTY profile offers only ENDUSER, OCSPSIGNER and SERVER
        EMPTY, new EndEntityProfile(Map.copyOf(empty), Set.of("COMMONNAME"), Map.of(),
            Set.of("ENDUSER", "OCSPSIGNER", "SERVER")),
        // a clone of EMPTY with scepra's certificate profiles added, as the backend README sets it up
        SCEP, new EndEntityProfile(Map.copyOf(empty), Set.of("COMMONNAME"), Map.of(), forScepra),
        // a narrower one: the organization is fixed (not modifiable)
        "SCEP_DEVICES", new EndEntityProfile(Map.of("COMMONNAME", 1, "ORGANIZATION", 1, "DNSNAME", 4, "IPADDRESS", 2),
            Set.of("COMMONNAME"), Map.of("ORGANIZATION", Set.of("Probe", "scepra")), forScepra)));
  }

  /** EJBCA's numeric id of a certificate profile, as its messages name it (fixed ones have fixed ids). */
  static int certificateProfileId(String name) {
    return switch (name) {
      case "ENDUSER" -> 1;
      case "OCSPSIGNER" -> 4;
      case "SERVER" -> 9;
      default -> 1_000_000 + Math.floorMod(name.hashCode(), 1_000_000_000);
    };
  }

  /**
   * EJBCA's check of a request's key against the certificate profile (CertificateProfile.verifyKey, which the web
   * service answers with an EjbcaException of code ILLEGAL_KEY), with its messages; null if the key is allowed.
   * Note EJBCA's off-by-one: a key one bit shorter than the minimum passes.
   */
  static String keyRefusal(KeyPolicy policy, SubjectPublicKeyInfo key) throws IOException {
    ASN1ObjectIdentifier type = key.getAlgorithm().getAlgorithm();
    String algorithm = KEY_ALGORITHMS.getOrDefault(type, type.getId());
    if (!policy.algorithms().contains(algorithm)) {
      return "Illegal key algorithm, not authorized by certificate profile: " + algorithm + ".";
    }
    int bits;
    if (algorithm.equals("ECDSA")) {
      ASN1ObjectIdentifier curveOid = ASN1ObjectIdentifier.getInstance(key.getAlgorithm().getParameters());
      String curve = ECNamedCurveTable.getName(curveOid);
      // a curve is allowed by any of its names, as EJBCA looks up its aliases (P-256 = secp256r1 = prime256v1)
      if (Stream.of(SECNamedCurves.getName(curveOid), X962NamedCurves.getName(curveOid),
          NISTNamedCurves.getName(curveOid)).filter(Objects::nonNull).anyMatch(policy.curves()::contains)) {
        return null;
      }
      if (!policy.curves().contains(KeyPolicy.ANY_CURVE)) {
        return "Illegal elliptic curve, not authorized by certificate profile: "
            + (curve == null ? curveOid.getId() : curve) + ".";
      }
      bits = ECNamedCurveTable.getByOID(curveOid).getCurve().getFieldSize();
    } else if (algorithm.equals("RSA")) {
      bits = RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
    } else if (algorithm.equals("DSA")) {
      bits = DSAParameter.getInstance(key.getAlgorithm().getParameters()).getP().bitLength();
    } else {
      bits = algorithm.equals("Ed448") ? 448 : 255;
    }
    if (bits < policy.minBits() - 1 || bits > policy.maxBits()) {
      return "Illegal key length, not authorized by certificate profile: " + bits + ".";
    }
    return null;
  }

  /** EJBCA's check of an end entity against its profile, with its messages; null if it fulfils it. */
  static String violation(EndEntityProfile profile, UserDataVOWS user) {
    Map<String, Integer> counts = new HashMap<>();
    for (RDN rdn : new X500Name(user.subjectDN).getRDNs()) {
      for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
        counts.merge(DN_FIELDS.getOrDefault(value.getType(), value.getType().getId()), 1, Integer::sum);
      }
    }
    for (String required : profile.required()) {
      if (!counts.containsKey(required)) {
        return "Subject DN field '" + required + "' must exist.";
      }
    }
    String dn = tooMany(profile, counts);
    if (dn != null) {
      return "Wrong number of " + dn + " fields in Subject DN.";
    }
    Map<String, Integer> altNames = new HashMap<>();
    if (user.subjectAltName != null && !user.subjectAltName.isBlank()) {
      // split as EJBCA does (DoubleCa): an escaped comma stays inside its value
      for (String part : DoubleCa.splitAtUnescaped(user.subjectAltName)) {
        String keyword = part.substring(0, part.indexOf('=')).strip();
        altNames.merge(ALT_NAME_FIELDS.getOrDefault(keyword, keyword.toUpperCase()), 1, Integer::sum);
      }
    }
    String altName = tooMany(profile, altNames);
    if (altName != null) {
      return "Wrong number of " + altName + " fields in Subject Alternative Name.";
    }
    for (RDN rdn : new X500Name(user.subjectDN).getRDNs()) {
      for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
        Set<String> allowed = profile.fixedValues().get(DN_FIELDS.get(value.getType()));
        String text = IETFUtils.valueToString(value.getValue());
        if (allowed != null && !allowed.contains(text)) {
          return "End entity profile does not contain matching field for " + DN_FIELDS.get(value.getType())
              + " with value \"" + text + "\".";
        }
      }
    }
    if (!profile.certificateProfiles().contains(user.certificateProfileName)) {
      return "Couldn't find certificate profile (" + certificateProfileId(user.certificateProfileName)
          + ") among available certificate profiles.";
    }
    return null;
  }

  private static String tooMany(EndEntityProfile profile, Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .filter(count -> count.getValue() > profile.fields().getOrDefault(count.getKey(), 0))
        .map(Map.Entry::getKey).sorted().findFirst().orElse(null);
  }
}
