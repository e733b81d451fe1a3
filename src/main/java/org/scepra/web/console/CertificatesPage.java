package org.scepra.web.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.scepra.ra.admin.AdminResult;
import org.scepra.ra.admin.Revocations;
import org.scepra.ra.console.CertificateSearch;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.spi.CertificateRevoker;
import org.scepra.web.html.Html;

/** Find certificates by serial, subject prefix or endpoint; a certificate's detail, PEM and revocation. */
final class CertificatesPage implements ConsolePage {
  private final CertificateSearch search;
  private final Revocations revocations;

  CertificatesPage(CertificateSearch search, Revocations revocations) {
    this.search = search;
    this.revocations = revocations;
  }

  @Override
  public void serve(ConsoleRequest r) throws IOException {
    String notice = "";
    int status = 200;
    if (r.isPost()) {
      Optional<CertificateRevoker.Reason> reason = reason(r.param("reason"));
      AdminResult result = reason.isEmpty() ? AdminResult.of(AdminResult.Kind.NOT_FOUND, "no such CRLReason")
          : revocations.revoke(r.param("serial"), reason.get(), r.user().name());
      boolean done = result.kind() == AdminResult.Kind.DONE;
      status = done ? 200 : result.kind() == AdminResult.Kind.NOT_FOUND ? 404 : 409;
      notice = ConsoleLayout.status((done ? "Revoked: " : "Not revoked: ") + result.detail(), done);
    }
    Optional<IssuedCertificate> detail = search.one(r.param("issuer"), r.param("serial"));
    String body = detail.map(c -> CertificateDetail.html(r, c)).orElseGet(() -> results(r));
    r.write(status, "Certificates", ConsoleServlet.CERTIFICATES, notice + searchForm(r) + body);
  }

  /** {@code /certificates/pem?issuer=…&serial=…}: the certificate as a PEM file. */
  ConsolePage pem() {
    return r -> {
      Optional<IssuedCertificate> found = search.one(r.param("issuer"), r.param("serial"));
      if (found.isEmpty()) {
        r.write(404, "Certificates", ConsoleServlet.CERTIFICATES, ConsoleLayout.status("No such certificate.", false));
        return;
      }
      String pem = "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(found.get().der())
          + "\n-----END CERTIFICATE-----\n";
      byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
      r.response().setContentType("application/x-pem-file");
      r.response().setHeader("Content-Disposition", "attachment; filename=\"" + found.get().serialHex() + ".pem\"");
      r.response().setContentLength(bytes.length);
      r.response().getOutputStream().write(bytes);
    };
  }

  private String results(ConsoleRequest r) {
    if (r.param("serial").isEmpty() && r.param("subject").isEmpty() && r.param("endpoint").isEmpty()) {
      return "";
    }
    List<IssuedCertificate> found = search.find(r.param("serial"), r.param("subject"), r.param("endpoint"));
    if (found.isEmpty()) {
      return "<p role=\"status\">No certificate found.</p>";
    }
    StringBuilder rows = new StringBuilder();
    for (IssuedCertificate c : found) {
      String link = r.href(ConsoleServlet.CERTIFICATES) + "?issuer=" + c.issuerFingerprint() + "&serial="
          + c.serialHex();
      rows.append("<tr><td><a href=\"").append(Html.text(link)).append("\"><code>").append(Html.text(c.serialHex()))
          .append("</code></a></td>").append("<td class=\"subject\">").append(Html.text(c.subject())).append("</td>")
          .append(ConsoleLayout.cell(c.alias())).append(ConsoleLayout.cell(c.notAfter().toString()))
          .append(ConsoleLayout.cell(c.revoked() ? "REVOKED" : "VALID")).append("</tr>");
    }
    return "<div class=\"scroll\"><table><caption>" + found.size() + " found, newest first</caption><thead><tr>"
        + "<th>Serial</th><th>Subject</th><th>Endpoint</th><th>Not after</th><th>Status</th></tr></thead><tbody>"
        + rows + "</tbody></table></div>";
  }

  private static String searchForm(ConsoleRequest r) {
    return "<form method=\"get\" class=\"search\" role=\"search\">"
        + field("serial", "Serial (hex)", r.param("serial")) + field("subject", "Subject starts with",
            r.param("subject"))
        + field("endpoint", "Endpoint", r.param("endpoint")) + "<button type=\"submit\">Find</button></form>";
  }

  private static String field(String name, String label, String value) {
    return "<label for=\"" + name + "\">" + label + "</label><input id=\"" + name + "\" name=\"" + name + "\" value=\""
        + Html.text(value) + "\">";
  }

  /** A CRLReason by its RFC 5280 name ({@code keyCompromise}). */
  static Optional<CertificateRevoker.Reason> reason(String name) {
    for (CertificateRevoker.Reason reason : CertificateRevoker.Reason.values()) {
      if (crlName(reason).equals(name)) {
        return Optional.of(reason);
      }
    }
    return Optional.empty();
  }

  /** KEY_COMPROMISE → keyCompromise. */
  static String crlName(CertificateRevoker.Reason reason) {
    StringBuilder name = new StringBuilder();
    for (String part : reason.name().toLowerCase(Locale.ROOT).split("_")) {
      name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return name.toString();
  }
}
