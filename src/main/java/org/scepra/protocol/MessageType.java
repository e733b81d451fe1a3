package org.scepra.protocol;

import java.util.Arrays;
import java.util.Optional;

/** SCEP messageType values (RFC 8894 §3.2.1.2). */
public enum MessageType {
  CERT_REP(3),
  RENEWAL_REQ(17),
  PKCS_REQ(19),
  CERT_POLL(20),
  GET_CERT(21),
  GET_CRL(22);

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type for a decimal code as carried in the PrintableString attribute. */
  public static Optional<MessageType> fromCode(int code) {
    return Arrays.stream(values()).filter(t -> t.code == code).findFirst();
  }
}
