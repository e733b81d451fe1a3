package org.scepra.protocol;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SCEP transactionID: a PrintableString chosen by the client (RFC 8894 §3.2.1.1). Its length is
 * bounded because it is stored and echoed; clients send hex or base64 hashes of their key.
 */
public record TransactionId(String value) {
  public static final int MAX_LENGTH = 128;
  private static final Pattern PRINTABLE = Pattern.compile("[A-Za-z0-9 '()+,\\-./:=?]+");

  public TransactionId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH || !PRINTABLE.matcher(value).matches()) {
      throw new IllegalArgumentException("transactionID must be 1-" + MAX_LENGTH + " printable characters");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
