package org.scepra.web.html;

/**
 * Text into HTML. Everything a page shows that did not come from the page's own template goes through
 * {@link #text}: subjects and SANs come from CSRs, which anyone may send, and must show as characters, never act as
 * markup.
 */
public final class Html {

  private Html() {}

  /** Escapes for element content and quoted attribute values alike. */
  public static String text(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
