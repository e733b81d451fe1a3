package org.scepra.backend.ejbca;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * How EJBCA stores subject DNs (in its own RDN order, whatever order the request had), and its CA settings
 * "Enforce unique DN" and "Enforce unique public keys", both on in a new CA: a certificate is refused to an end
 * entity when certificates of another end entity have the same subject DN, or the same public key.
 */
final class DoubleNames {

  /** EJBCA's default DN order (CertTools), for the attributes scepra's tests use; others go first. */
  private static final List<ASN1ObjectIdentifier> ORDER = List.of(BCStyle.EmailAddress, BCStyle.UID, BCStyle.CN,
      BCStyle.SERIALNUMBER, BCStyle.T, BCStyle.OU, BCStyle.O, BCStyle.L, BCStyle.ST, BCStyle.DC, BCStyle.C);

  private DoubleNames() {}

  /** The DN as EJBCA stores it and puts it into certificates. */
  static String normalized(String dn) {
    RDN[] rdns = new X500Name(dn).getRDNs();
    RDN[] sorted = Arrays.copyOf(rdns, rdns.length);
    Arrays.sort(sorted, Comparator.comparingInt(rdn -> ORDER.indexOf(rdn.getFirst().getType())));
    return new X500Name(sorted).toString();
  }

  /** The end entities findUser finds: the double knows equality on the whole DN and on the common name only. */
  static List<UserDataVOWS> find(Collection<UserDataVOWS> users, UserMatch match) {
    if (match.matchtype != UserMatch.MATCH_TYPE_EQUALS
        || (match.matchwith != UserMatch.MATCH_WITH_DN && match.matchwith != UserMatch.MATCH_WITH_COMMONNAME)) {
      // EJBCA knows many more; the double refuses what scepra does not ask
      throw DoubleFaults.empty("IllegalQueryException", "the EJBCA double supports only DN and CN equals queries");
    }
    return users.stream()
        .filter(user -> match.matchwith == UserMatch.MATCH_WITH_DN ? user.subjectDN.equals(match.matchvalue)
            : commonName(user.subjectDN).equals(match.matchvalue))
        .limit(100)
        .toList();
  }

  private static String commonName(String dn) {
    RDN[] cns = new X500Name(dn).getRDNs(BCStyle.CN);
    return cns.length == 0 ? "" : IETFUtils.valueToString(cns[0].getFirst().getValue());
  }

  /**
   * The refusal EJBCA answers pkcs10Request with if {@code username} may not have a certificate for this DN and key;
   * null if it may.
   *
   * @param owners end entity name of every certificate the CA issued, by serial
   */
  static RuntimeException refusal(String username, X500Name subject, byte[] publicKey, Map<BigInteger, String> owners,
      Map<BigInteger, X509Certificate> issued, boolean uniqueDn, boolean uniqueKey) {
    Set<String> sameDn = new TreeSet<>();
    boolean sameKey = false;
    for (Map.Entry<BigInteger, String> owner : owners.entrySet()) {
      if (owner.getValue().equals(username)) {
        continue;
      }
      X509Certificate certificate = issued.get(owner.getKey());
      if (X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).equals(subject)) {
        sameDn.add("'" + owner.getValue() + "'");
      }
      sameKey |= Arrays.equals(certificate.getPublicKey().getEncoded(), publicKey);
    }
    if (uniqueDn && !sameDn.isEmpty()) {
      return DoubleFaults.withCode("EjbcaException", DnOwners.REFUSAL, "User '" + username + "' is not allowed to use "
          + "same subject DN as the user(s) " + String.join(", ", new ArrayList<>(sameDn)) + " is using while issued by "
          + "the same CA (even if CN postfix is used). See setting for 'Enforce unique DN' in the section Certification "
          + "Authorities.");
    }
    if (uniqueKey && sameKey) {
      return DoubleFaults.withCode("EjbcaException", "CERTIFICATE_FOR_THIS_KEY_ALREADY_EXISTS_FOR_ANOTHER_USER",
          "User '" + username + "' is not allowed to use same key as another user is using.");
    }
    return null;
  }
}
