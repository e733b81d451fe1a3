package org.scepra.web.console;

import java.io.IOException;

/** One page of the console: answers its GET and its form's POST. */
interface ConsolePage {

  void serve(ConsoleRequest request) throws IOException;

  /** Whether only operators may open it (challenge issuers may open the challenges page alone). */
  default boolean operatorOnly() {
    return true;
  }
}
