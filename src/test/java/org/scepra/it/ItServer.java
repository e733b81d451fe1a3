package org.scepra.it;

/**
 * Which server the integration suite runs on: failsafe system property {@code it.server}, "wildfly" (the default
 * execution) or "payara" (execution "payara", Payara Micro). For the few assertions about the container itself
 * (its own limits and refusals) rather than about scepra.
 */
public final class ItServer {

  private ItServer() {}

  public static String name() {
    return System.getProperty("it.server", "wildfly");
  }

  public static boolean isPayara() {
    return "payara".equals(name());
  }
}
