package org.scepra.backend.adcs;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The backend's log lines about CES calls: one line per failed call, with the endpoint, the SCEP
 * transaction, the template, the HRESULT and CES's own text, so that the device's short failInfo
 * text can be traced to the exact cause. Never a password, the UsernameToken or a key.
 */
final class AdcsLog {

  private static final Logger LOG = System.getLogger("org.scepra.backend.adcs");

  private AdcsLog() {}

  static void fault(String alias, String transactionId, String operation, CesAnswer.Fault fault) {
    LOG.log(Level.WARNING, "AD CS call refused: endpoint=" + alias + " transaction=" + transactionId
        + " operation=" + operation + " hresult=" + fault.hresult().orElse("(none)")
        + " requestId=" + fault.requestId().orElse("-") + " code=" + fault.code() + " detail=" + fault.reason());
  }

  static void failed(String alias, String transactionId, String operation, CesCallException e) {
    LOG.log(Level.WARNING, "AD CS call failed: endpoint=" + alias + " transaction=" + transactionId
        + " operation=" + operation + " detail=" + e.getMessage());
  }

  static void info(String message, Object... params) {
    LOG.log(Level.INFO, message, params);
  }

  static void warning(String message, Object... params) {
    LOG.log(Level.WARNING, message, params);
  }

  static void error(String message, Object... params) {
    LOG.log(Level.ERROR, message, params);
  }
}
