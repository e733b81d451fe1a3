package org.scepra.web.guard;

/** Which paths under {@code /admin} belong to the browser console rather than to the JSON API. */
public final class ConsolePaths {
  /** The console's own pages, actions and files. */
  public static final String CONSOLE = "/admin/console";

  private ConsolePaths() {}

  /** {@code /admin}, {@code /admin/} and everything under {@code /admin/console/}. */
  public static boolean isConsole(String path) {
    return path.equals("/admin") || path.equals("/admin/") || path.equals(CONSOLE)
        || path.startsWith(CONSOLE + "/");
  }
}
