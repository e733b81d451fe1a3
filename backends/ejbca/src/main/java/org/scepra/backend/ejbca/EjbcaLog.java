package org.scepra.backend.ejbca;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The backend's log lines about EJBCA calls: one line per failed call, with the endpoint, the SCEP
 * transaction, the operation and EJBCA's exception and error code, so that the device's general
 * failInfo text can be traced to the exact cause. Never a password or key.
 */
final class EjbcaLog {

  private static final Logger LOG = System.getLogger("org.scepra.backend.ejbca");

  private EjbcaLog() {}

  static void failed(String alias, String transactionId, EjbcaCallException e) {
    LOG.log(Level.WARNING, failure(alias, transactionId, e));
  }

  /** The failure line; EJBCA's own text last, as it may contain anything. */
  static String failure(String alias, String transactionId, EjbcaCallException e) {
    return "EJBCA call failed: endpoint=" + alias
        + " transaction=" + transactionId
        + " operation=" + e.operation()
        + " errorCode=" + e.fault().map(EjbcaFault::summary).orElse("(no answer)")
        + " detail=" + e.fault().map(EjbcaFault::message).orElseGet(e::reason);
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
