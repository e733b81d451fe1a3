package org.scepra.ra.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.spi.CaRollover;
import org.scepra.spi.NextCa;

/** CA rollover on an operator's request, for backends that can roll their CA over. */
@ApplicationScoped
public class CaRollovers {

  private Endpoints endpoints;
  private AuditLog audit;

  /** What came of a rollover request. */
  public sealed interface Outcome {}

  /** The next CA exists and is announced until it takes over. */
  public record Scheduled(NextCa next) implements Outcome {}

  /** The request itself is wrong (HTTP 400). */
  public record Invalid(String message) implements Outcome {}

  /** Not done for another reason. */
  public record Refused(AdminResult reason) implements Outcome {}

  /** For the CDI proxy only. */
  protected CaRollovers() {}

  @Inject
  public CaRollovers(Endpoints endpoints, AuditLog audit) {
    this.endpoints = endpoints;
    this.audit = audit;
  }

  public Outcome rollover(String alias, CaRollover.Request request, String operator) {
    Optional<Endpoint> endpoint = endpoints.find(alias);
    if (endpoint.isEmpty()) {
      return log(operator, alias, new Refused(AdminResult.of(AdminResult.Kind.NOT_FOUND, "no endpoint named " + alias)));
    }
    if (!(endpoint.get().backend() instanceof CaRollover rollover)) {
      return log(operator, alias, new Refused(AdminResult.of(AdminResult.Kind.UNSUPPORTED,
          "this endpoint's CA backend cannot be rolled over through scepra")));
    }
    CaRollover.Result result;
    try {
      result = rollover.rollover(alias, request);
    } catch (RuntimeException e) {
      result = new CaRollover.Refused(CaRollover.Reason.FAILED, "the CA could not be rolled over");
    }
    if (result instanceof CaRollover.Scheduled scheduled) {
      return log(operator, alias, new Scheduled(scheduled.next()));
    }
    CaRollover.Refused refused = (CaRollover.Refused) result;
    return log(operator, alias, switch (refused.reason()) {
      case INVALID -> new Invalid(refused.message());
      case CONFLICT -> new Refused(AdminResult.of(AdminResult.Kind.CONFLICT, refused.message()));
      case FAILED -> new Refused(AdminResult.of(AdminResult.Kind.FAILED, refused.message()));
    });
  }

  private Outcome log(String operator, String alias, Outcome outcome) {
    String result;
    String reason;
    if (outcome instanceof Scheduled s) {
      result = "DONE";
      reason = "next CA " + s.next().certificates().get(0).getSubjectX500Principal().getName()
          + " takes over at " + s.next().activateAt();
    } else if (outcome instanceof Invalid i) {
      result = "BAD_REQUEST";
      reason = i.message();
    } else {
      AdminResult refused = ((Refused) outcome).reason();
      result = refused.kind().name();
      reason = refused.detail();
    }
    audit.record(AuditEvent.admin("caRollover", operator, alias, null, null, result, reason, null));
    return outcome;
  }
}
