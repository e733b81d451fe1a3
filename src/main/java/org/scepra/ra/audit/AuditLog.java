package org.scepra.ra.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/**
 * One structured line per RA decision on logger {@code scepra.audit}, as {@code key="value"} pairs.
 * Values from requesters are escaped and bounded, so a crafted subject cannot forge log lines.
 * Never pass a challenge, password or key here.
 */
@ApplicationScoped
public class AuditLog {
  private static final Logger LOG = Logger.getLogger("scepra.audit");
  private static final int MAX_VALUE = 256;

  public void record(AuditEvent event) {
    LOG.info(format(event));
  }

  /**
   * One line with further {@code key="value"} pairs after the event's own (e.g. a remote service's code and
   * request id), in the map's order; keys are constants of the caller, values are escaped like all others.
   */
  public void record(AuditEvent event, java.util.Map<String, String> extra) {
    StringBuilder line = new StringBuilder(format(event));
    extra.forEach((key, value) -> append(line, key, value));
    LOG.info(line.toString());
  }

  static String format(AuditEvent event) {
    StringBuilder line = new StringBuilder("event=").append(event.action());
    append(line, "actor", event.actor());
    append(line, "alias", event.alias());
    append(line, "transactionId", event.transactionId());
    append(line, "messageType", event.messageType());
    append(line, "subject", event.subject());
    append(line, "auth", event.authorization());
    append(line, "outcome", event.outcome());
    append(line, "failInfo", event.failInfo());
    append(line, "reason", event.reason());
    append(line, "serial", event.serial());
    return line.toString();
  }

  private static void append(StringBuilder line, String key, String value) {
    if (value == null) {
      return;
    }
    line.append(' ').append(key).append("=\"");
    int limit = Math.min(value.length(), MAX_VALUE);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        line.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        line.append(String.format("\\x%02x", (int) c));
      } else {
        line.append(c);
      }
    }
    if (value.length() > MAX_VALUE) {
      line.append("...");
    }
    line.append('"');
  }
}
