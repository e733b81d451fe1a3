package org.scepra.ra.intune;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/** The error code in a Microsoft service's error answer ({@code {"error":{"code":...,"message":...}}}). */
final class GraphErrors {

  private GraphErrors() {}

  /** " (code)", or "" when the answer carries none. */
  static String code(JsonObject answer) {
    if (answer != null && answer.get("error") instanceof JsonObject error
        && error.get("code") instanceof JsonString code) {
      return " (" + code.getString() + ")";
    }
    return "";
  }
}
