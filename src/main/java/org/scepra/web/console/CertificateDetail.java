package org.scepra.web.console;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.spi.CertificateRevoker;
import org.scepra.web.html.Html;

/** One certificate: what it says, its status, the PEM download and the revocation form. */
final class CertificateDetail {

  private CertificateDetail() {}

  static String html(ConsoleRequest r, IssuedCertificate c) {
    String query = "?issuer=" + c.issuerFingerprint() + "&serial=" + c.serialHex();
    StringBuilder reasons = new StringBuilder();
    for (CertificateRevoker.Reason reason : CertificateRevoker.Reason.values()) {
      reasons.append("<option>").append(CertificatesPage.crlName(reason)).append("</option>");
    }
    String revoke = c.revoked()
        ? "<p>Revoked at " + Html.text(String.valueOf(c.revokedAt())) + " (reason code "
            + Html.text(String.valueOf(c.revocationReason())) + ").</p>"
        : "<form method=\"post\" class=\"stack\" action=\"" + Html.text(r.href(ConsoleServlet.CERTIFICATES) + query)
            + "\">" + r.csrfField() + "<input type=\"hidden\" name=\"serial\" value=\"" + Html.text(c.serialHex())
            + "\"><label for=\"reason\">CRLReason</label><select id=\"reason\" name=\"reason\">" + reasons
            + "</select><button type=\"submit\" id=\"revoke\">Revoke</button></form>";
    return "<section aria-label=\"Certificate\"><h2>Certificate " + Html.text(c.serialHex()) + "</h2><dl>"
        + "<dt>Subject</dt><dd class=\"subject\">" + Html.text(c.subject()) + "</dd>"
        + "<dt>Subject alternative names</dt><dd class=\"sans\">" + Html.text(String.join(", ", sans(c.der())))
        + "</dd><dt>Issuer</dt><dd>" + Html.text(c.issuerDn()) + "</dd>"
        + "<dt>Serial</dt><dd><code>" + Html.text(c.serialHex()) + "</code></dd>"
        + "<dt>Endpoint</dt><dd>" + Html.text(c.alias()) + "</dd>"
        + "<dt>Transaction</dt><dd><code>" + Html.text(c.transactionId()) + "</code></dd>"
        + "<dt>Valid</dt><dd>" + Html.text(c.notBefore() + " to " + c.notAfter()) + "</dd>"
        + "<dt>Status</dt><dd id=\"status\">" + (c.revoked() ? "REVOKED" : "VALID") + "</dd></dl>"
        + "<p><a href=\"" + Html.text(r.href(ConsoleServlet.PEM) + query) + "\" download>Download PEM</a></p>"
        + revoke + "</section>";
  }

  private static List<String> sans(byte[] der) {
    List<String> names = new ArrayList<>();
    try {
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      Collection<List<?>> all = certificate.getSubjectAlternativeNames();
      if (all != null) {
        for (List<?> name : all) {
          names.add(name.get(1) instanceof String text ? text : "(type " + name.get(0) + ")");
        }
      }
    } catch (CertificateException e) {
      names.add("(unreadable)");
    }
    return names;
  }
}
