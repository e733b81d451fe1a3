package org.scepra.ra.operations;

import java.util.List;

/**
 * A source of readiness probes. Every CDI bean implementing this interface is asked for its probes on each
 * readiness answer, so adding a check (a token service, certificate expiry) is adding such a bean; nothing else
 * changes.
 */
public interface ReadinessProbes {

  /** The probes now; may change over time (their names identify their cached results). */
  List<ReadinessProbe> probes();

  /** Where the probes appear in {@code /status/ready}: lower first (database 0, endpoints 100). */
  default int order() {
    return 1000;
  }
}
