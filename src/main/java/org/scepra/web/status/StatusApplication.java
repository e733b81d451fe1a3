package org.scepra.web.status;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * Liveness, readiness and metrics under {@code /status}, served by the application itself so they
 * look the same on every server (WildFly's default profile has no MicroProfile Health).
 */
@ApplicationPath("/status")
public class StatusApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(HealthResource.class, MetricsResource.class);
  }
}
