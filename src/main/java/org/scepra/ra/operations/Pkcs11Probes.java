package org.scepra.ra.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.scepra.ra.hsm.Pkcs11Token;
import org.scepra.ra.operations.ReadinessProbe.Outcome;

/**
 * Readiness of the PKCS#11 token ({@code pkcs11}), when one is configured: logged in, or why not (missing token,
 * wrong PIN); endpoints and CAs whose keys are in it are DOWN too, each saying so.
 */
@ApplicationScoped
public class Pkcs11Probes implements ReadinessProbes {

  private Pkcs11Token token;

  /** For the CDI proxy only. */
  protected Pkcs11Probes() {}

  @Inject
  public Pkcs11Probes(Pkcs11Token token) {
    this.token = token;
  }

  @Override
  public List<ReadinessProbe> probes() {
    if (!token.configured()) {
      return List.of();
    }
    return List.of(ReadinessProbe.of("pkcs11", () -> token.problem().map(Outcome::down)
        .orElseGet(() -> Outcome.up("logged in to the " + token.describe()))));
  }

  @Override
  public int order() {
    return 50;
  }
}
