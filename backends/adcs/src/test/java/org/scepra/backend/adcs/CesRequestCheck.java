package org.scepra.backend.adcs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * What CES's SOAP stack (WCF) checks before the CA sees a message, each failure with the fault WCF
 * sends: the SOAP 1.2 envelope, the WS-Addressing Action (ContractFilter), MessageID and To
 * (AddressFilter), and on the UsernamePassword instance the WS-Security UsernameToken (PasswordText)
 * inside a Timestamp that has not expired. Returns the fault's XML, or empty when the message passes.
 */
final class CesRequestCheck {

  static final String WRONG_CREDENTIAL = "An error occurred when verifying security for the message.";

  private CesRequestCheck() {}

  static Optional<byte[]> check(Element envelope, String expectedTo, boolean username, String password) {
    Optional<Element> header = Dom.child(envelope, Wstep.SOAP, "Header");
    String messageId = header.flatMap(h -> Dom.text(Dom.child(h, Wstep.ADDRESSING, "MessageID"))).orElse(null);
    String action = header.flatMap(h -> Dom.text(Dom.child(h, Wstep.ADDRESSING, "Action"))).orElse("");
    if (!Wstep.ACTION.equals(action)) {
      return Optional.of(CesAnswerXml.wcfFault(messageId, Wstep.ADDRESSING, "ActionNotSupported", "The message with"
          + " Action '" + action + "' cannot be processed at the receiver, due to a ContractFilter mismatch at the"
          + " EndpointDispatcher."));
    }
    if (messageId == null) {
      return Optional.of(CesAnswerXml.wcfFault(null, Wstep.ADDRESSING, "MessageAddressingHeaderRequired",
          "A required header representing a Message Addressing Property is not present: MessageID."));
    }
    String to = header.flatMap(h -> Dom.text(Dom.child(h, Wstep.ADDRESSING, "To"))).orElse("");
    if (!expectedTo.equals(to)) {
      return Optional.of(CesAnswerXml.wcfFault(messageId, Wstep.ADDRESSING, "DestinationUnreachable",
          "The message with To '" + to + "' cannot be processed at the receiver, due to an AddressFilter mismatch"
              + " at the EndpointDispatcher."));
    }
    if (username && !usernameTokenValid(header.get(), password)) {
      return Optional.of(CesAnswerXml.wcfFault(messageId, Wstep.SECEXT, "InvalidSecurity", WRONG_CREDENTIAL));
    }
    return Optional.empty();
  }

  private static boolean usernameTokenValid(Element header, String password) {
    Optional<Element> security = Dom.child(header, Wstep.SECEXT, "Security");
    Optional<Element> timestamp = security.flatMap(s -> Dom.child(s, Wstep.UTILITY, "Timestamp"));
    Optional<Element> token = security.flatMap(s -> Dom.child(s, Wstep.SECEXT, "UsernameToken"));
    if (timestamp.isEmpty() || token.isEmpty() || !fresh(timestamp.get())) {
      return false;
    }
    Optional<Element> passwordElement = Dom.child(token.get(), Wstep.SECEXT, "Password");
    return Dom.text(Dom.child(token.get(), Wstep.SECEXT, "Username")).filter(CesDouble.USERNAME::equals).isPresent()
        && passwordElement.filter(p -> Wstep.PASSWORD_TEXT.equals(p.getAttribute("Type"))).isPresent()
        && password.equals(passwordElement.get().getTextContent());
  }

  /** WCF allows five minutes of clock skew on Created and refuses an expired message. */
  private static boolean fresh(Element timestamp) {
    try {
      Instant created = Instant.parse(Dom.text(Dom.child(timestamp, Wstep.UTILITY, "Created")).orElse(""));
      Instant expires = Instant.parse(Dom.text(Dom.child(timestamp, Wstep.UTILITY, "Expires")).orElse(""));
      Instant now = Instant.now();
      return !created.isAfter(now.plusSeconds(300)) && expires.isAfter(now) && expires.isAfter(created);
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
