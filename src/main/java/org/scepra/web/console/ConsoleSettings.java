package org.scepra.web.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** The console's settings, read (and checked) when the application starts. */
@ApplicationScoped
public class ConsoleSettings {
  public static final String SESSION_TIMEOUT = "scepra.console.session-timeout-minutes";

  private Duration sessionTimeout;

  /** For the CDI proxy only. */
  protected ConsoleSettings() {}

  @Inject
  public ConsoleSettings(Config config) {
    int minutes = config.getOptionalValue(SESSION_TIMEOUT, Integer.class).orElse(15);
    if (minutes < 1 || minutes > 24 * 60) {
      throw new IllegalArgumentException(SESSION_TIMEOUT + " must be 1 to 1440 minutes, not " + minutes);
    }
    this.sessionTimeout = Duration.ofMinutes(minutes);
  }

  /** Reads the settings at deployment, so that a bad value stops it rather than the first sign-in. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    sessionTimeout();
  }

  /** A console session unused this long is over. */
  public Duration sessionTimeout() {
    return sessionTimeout;
  }
}
