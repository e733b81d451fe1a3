package org.scepra.web.mscep;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.scepra.web.html.Html;

/**
 * The page NDES answers at {@code /certsrv/mscep_admin/}, with its exact sentences: MDMs that integrate with NDES
 * read the challenge from it with a pattern ({@code The enrollment challenge password is: <B> (\S*)}) and recognise
 * its refusals by their text. Encoded as NDES does, UTF-16LE with a byte-order mark.
 */
public final class MscepAdminPage {
  public static final String CONTENT_TYPE = "text/html; charset=utf-16";
  public static final String CACHE_FULL = "The password cache is full.";
  public static final String NO_PERMISSION = "You do not have sufficient permission to enroll with SCEP.";

  private MscepAdminPage() {}

  /** A new challenge, the CA's thumbprints and how long the challenge lasts. */
  public static byte[] challenge(String challenge, String caSha1, String caSha256, Duration validity) {
    return page("<P> To complete certificate enrollment for your network device you will need the following"
        + " information:\r\n"
        + "<P> The thumbprint (hash value) for the CA certificate is: <B> " + Html.text(caSha1) + " </B>\r\n"
        + "<P> The SHA-256 thumbprint of the CA certificate is: <B> " + Html.text(caSha256) + " </B>\r\n"
        + "<P> The enrollment challenge password is: <B> " + Html.text(challenge) + " </B>\r\n"
        + "<P> This password can be used only once and will expire within " + lifetime(validity) + ".\r\n"
        + "<P> Each enrollment requires a new challenge password. You can refresh this web page to obtain a new"
        + " challenge password.\r\n");
  }

  public static byte[] cacheFull() {
    return page("<P> " + CACHE_FULL + " Use the challenge passwords you already have, or wait until they expire.\r\n");
  }

  public static byte[] noPermission() {
    return page("<P> " + NO_PERMISSION + " Ask the administrator for the role scepra-challenge-issuer.\r\n");
  }

  public static byte[] notEnabled(String alias) {
    return page("<P> One-time challenge passwords are not enabled on this server's SCEP endpoint ("
        + Html.text(alias) + ").\r\n");
  }

  static String lifetime(Duration validity) {
    long seconds = Math.max(1, validity.toSeconds());
    if (seconds < 120) {
      return seconds + " seconds";
    }
    return (seconds + 59) / 60 + " minutes";
  }

  private static byte[] page(String body) {
    String html = "<HTML><Head><Meta HTTP-Equiv=\"Content-Type\" Content=\"text/html; charset=UTF-16\">"
        + "<Title>Network Device Enrollment Service</Title></Head>\r\n"
        + "<Body BgColor=#FFFFFF><Font ID=locPageFont Face=\"Arial\">\r\n"
        + "<P> <B>scepra</B> Network Device Enrollment Service\r\n"
        + "<P> Network Device Enrollment Service allows you to obtain certificates for routers or other network"
        + " devices using the Simple Certificate Enrollment Protocol (SCEP).\r\n"
        + body
        + "</Font></Body></HTML>\r\n";
    ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(html);
    byte[] bytes = new byte[2 + encoded.remaining()];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xFE;
    encoded.get(bytes, 2, encoded.remaining());
    return bytes;
  }
}
