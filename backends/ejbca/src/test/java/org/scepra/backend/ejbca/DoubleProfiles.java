package org.scepra.backend.ejbca;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The profiles of the double's EJBCA and what a default EJBCA takes from them: key usages and extended key usages
 * from the certificate profile, never from the request, unless the profile allows key usage override (off by
 * default); and from the end entity profile how many of each subject DN and altName field an end entity may have
 * (EJBCA's EMPTY profile: one of each, two DC and two DNSNAME; a common name required).
 */
final class DoubleProfiles {

  /** A certificate profile; with key usage override, a request's keyUsage extension wins over {@code keyUsage}. */
  record CertificateProfile(int keyUsage, List<KeyPurposeId> ekus, boolean keyUsageOverride) {}

  /** An end entity profile: the number of fields of each kind, by EJBCA's field names; the required ones. */
  record EndEntityProfile(Map<String, Integer> fields, Set<String> required) {}

  static final String EMPTY = "EMPTY";

  private static final Map<ASN1ObjectIdentifier, String> DN_FIELDS = Map.ofEntries(
      Map.entry(BCStyle.CN, "COMMONNAME"), Map.entry(BCStyle.O, "ORGANIZATION"),
      Map.entry(BCStyle.OU, "ORGANIZATIONALUNIT"), Map.entry(BCStyle.C, "COUNTRY"), Map.entry(BCStyle.L, "LOCALITY"),
      Map.entry(BCStyle.ST, "STATEORPROVINCE"), Map.entry(BCStyle.SERIALNUMBER, "DNSERIALNUMBER"),
      Map.entry(BCStyle.UID, "UID"), Map.entry(BCStyle.DC, "DOMAINCOMPONENT"),
      Map.entry(BCStyle.EmailAddress, "DNEMAILADDRESS"), Map.entry(BCStyle.T, "TITLE"));
  private static final Map<String, String> ALT_NAME_FIELDS = Map.of("dNSName", "DNSNAME", "iPAddress", "IPADDRESS",
      "rfc822name", "RFC822NAME", "uniformResourceIdentifier", "UNIFORMRESOURCEID", "upn", "UPN",
      "registeredID", "REGISTEREDID");

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
        "SCEP_RA_OVERRIDE", new CertificateProfile(ds | ke, List.of(), true)));
  }

  static Map<String, EndEntityProfile> endEntityProfiles() {
    Map<String, Integer> empty = new HashMap<>();
    DN_FIELDS.values().forEach(field -> empty.put(field, 1));
    ALT_NAME_FIELDS.values().forEach(field -> empty.put(field, 1));
    empty.put("DOMAINCOMPONENT", 2);
    empty.put("DNSNAME", 2);
    return new HashMap<>(Map.of(
        EMPTY, new EndEntityProfile(Map.copyOf(empty), Set.of("COMMONNAME")),
        "SCEP_DEVICES", new EndEntityProfile(Map.of("COMMONNAME", 1, "ORGANIZATION", 1, "DNSNAME", 4, "IPADDRESS", 2),
            Set.of("COMMONNAME"))));
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
    return altName == null ? null : "Wrong number of " + altName + " fields in Subject Alternative Name.";
  }

  private static String tooMany(EndEntityProfile profile, Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .filter(count -> count.getValue() > profile.fields().getOrDefault(count.getKey(), 0))
        .map(Map.Entry::getKey).sorted().findFirst().orElse(null);
  }
}
