package org.scepra.backend.ejbca;

import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.scepra.spi.IssueRequest;

/**
 * Names the EJBCA end entity for a request. {@code cn} (the default) keeps one end entity per device
 * name, as a default EJBCA needs: its CAs enforce unique subject DNs across end entities, so a
 * renewal under a new end entity would be refused, and renewals show up as the end entity's history.
 * {@code transaction-id} gives every enrolment its own end entity (concurrent requests for one
 * device never reuse each other's one-time password); a renewal then moves to the end entity that
 * has the DN ({@link DnOwners}).
 */
record UsernamePolicy(Source source, String prefix) {

  static final String FROM_KEY = "username-from";
  static final String PREFIX_KEY = "username-prefix";
  static final String DEFAULT_PREFIX = "scepra-";
  static final String DEFAULT_FROM = "cn";

  enum Source {
    CN,
    TRANSACTION_ID
  }

  static UsernamePolicy from(ConfigReader reader) throws EjbcaConfigException {
    String from = reader.optional(FROM_KEY).orElse(DEFAULT_FROM).toLowerCase(Locale.ROOT);
    Source source =
        switch (from) {
          case "cn" -> Source.CN;
          case "transaction-id" -> Source.TRANSACTION_ID;
          default ->
              throw new EjbcaConfigException(reader.key(FROM_KEY) + " must be cn or transaction-id");
        };
    return new UsernamePolicy(source, reader.optional(PREFIX_KEY).orElse(DEFAULT_PREFIX));
  }

  /** Empty when the request has no usable common name (CN mode only). */
  Optional<String> username(IssueRequest request) {
    return switch (source) {
      case TRANSACTION_ID -> Optional.of(prefix + request.transactionId());
      case CN -> commonName(request).map(cn -> prefix + cn);
    };
  }

  private static Optional<String> commonName(IssueRequest request) {
    RDN[] cns = request.csr().getSubject().getRDNs(BCStyle.CN);
    if (cns.length == 0) {
      return Optional.empty();
    }
    ASN1Encodable value = cns[0].getFirst().getValue();
    String cn = value instanceof ASN1String text ? text.getString().strip() : "";
    // control characters would end up in EJBCA's logs and UI
    return cn.isEmpty() || cn.chars().anyMatch(Character::isISOControl) ? Optional.empty() : Optional.of(cn);
  }
}
