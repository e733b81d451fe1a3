package org.scepra.web.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The operators' REST API, under {@code /admin}: separate from the SCEP paths and protected by the
 * application server's own users and roles (see web.xml).
 */
@ApplicationPath("/admin")
public class AdminApplication extends Application {
  /** May list, approve and reject requests, look up and revoke certificates. */
  public static final String OPERATOR = "scepra-operator";
  /** May only mint one-time challenges (e.g. an MDM's service account). */
  public static final String CHALLENGE_ISSUER = "scepra-challenge-issuer";

  /** Listed, so that the status resources are not also served (unprotected) under /admin. */
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(PendingRequestsResource.class, CertificatesResource.class, ChallengesResource.class,
        CaResource.class, AdminFailures.class);
  }
}
