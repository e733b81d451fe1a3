package org.scepra.ra.authz;

import java.util.Objects;
import org.scepra.protocol.FailInfo;

/** What one authorization step says about a request. */
public sealed interface Decision {

  /** The step authorizes the request, by {@code mode} (e.g. {@code challenge}, {@code renewal}). */
  record Allow(String mode) implements Decision {}

  /** The step refuses it; {@code text} goes to the device as failInfoText. */
  record Deny(FailInfo failInfo, String text, String mode) implements Decision {
    public Deny {
      Objects.requireNonNull(failInfo, "failInfo");
      Objects.requireNonNull(text, "text");
    }
  }

  /** The step does not apply to this request. */
  record Abstain() implements Decision {}

  static Decision deny(String text, String mode) {
    return new Deny(FailInfo.BAD_REQUEST, text, mode);
  }
}
