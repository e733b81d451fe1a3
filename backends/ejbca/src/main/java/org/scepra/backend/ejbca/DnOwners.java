package org.scepra.backend.ejbca;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.scepra.spi.IssueRequest;

/**
 * EJBCA's "Enforce unique DN", on by default in a CA: a certificate for a subject DN is refused to an end entity
 * when another end entity already has certificates with that DN
 * ({@code CERTIFICATE_WITH_THIS_SUBJECTDN_ALREADY_EXISTS_FOR_ANOTHER_USER}). That other end entity is found with
 * findUser, by the request's common name (EJBCA may store the DN in another RDN order) or else by DN, and kept when
 * it is one of scepra's own (its name has the endpoint's username prefix): a device renewed under another end
 * entity name than its first enrolment, e.g. with {@code username-from=transaction-id} or after changing that
 * setting. End entities made by others are left alone.
 */
final class DnOwners {

  static final String REFUSAL = "CERTIFICATE_WITH_THIS_SUBJECTDN_ALREADY_EXISTS_FOR_ANOTHER_USER";

  private DnOwners() {}

  static boolean isRefusal(EjbcaCallException e) {
    return e.fault().map(fault -> fault.errorCode().equals(REFUSAL)).orElse(false);
  }

  /**
   * scepra's end entity, other than {@code refused}, with the request's subject DN; empty if there is none.
   *
   * @throws EjbcaCallException if findUser fails
   */
  static Optional<String> find(EjbcaEndpoint endpoint, IssueRequest request, String refused) throws EjbcaCallException {
    X500Name subject = request.csr().getSubject();
    RDN[] cns = subject.getRDNs(BCStyle.CN);
    List<UserDataVOWS> candidates = cns.length > 0
        ? endpoint.calls().findUsers(UserMatch.MATCH_WITH_COMMONNAME, IETFUtils.valueToString(cns[0].getFirst()
            .getValue()))
        : endpoint.calls().findUsers(UserMatch.MATCH_WITH_DN, subject.toString());
    String prefix = endpoint.settings().usernames().prefix();
    return candidates.stream()
        .filter(user -> user.username != null && !user.username.equals(refused) && user.username.startsWith(prefix))
        .filter(user -> user.subjectDN != null && sameName(subject, user.subjectDN))
        .map(user -> user.username)
        .findFirst();
  }

  /** Whether EJBCA's stored DN names the same subject as the request, in whatever RDN order. */
  static boolean sameName(X500Name requested, String stored) {
    try {
      return canonical(requested).equals(canonical(new X500Name(stored)));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<String> canonical(X500Name name) {
    List<String> values = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
        values.add(value.getType().getId() + "=" + IETFUtils.canonicalize(IETFUtils.valueToString(value.getValue()))
            .toLowerCase(Locale.ROOT));
      }
    }
    values.sort(null);
    return values;
  }
}
