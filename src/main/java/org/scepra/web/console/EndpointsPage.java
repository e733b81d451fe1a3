package org.scepra.web.console;

import java.io.IOException;
import java.util.List;
import org.scepra.ra.console.CertificateView;
import org.scepra.ra.console.EndpointOverview;
import org.scepra.ra.console.EndpointView;
import org.scepra.web.html.Html;

/** Each endpoint: backend, readiness, capabilities, CA chain and RA certificates with expiry, the SCEP URL. */
final class EndpointsPage implements ConsolePage {
  private final EndpointOverview overview;

  EndpointsPage(EndpointOverview overview) {
    this.overview = overview;
  }

  @Override
  public void serve(ConsoleRequest r) throws IOException {
    StringBuilder body = new StringBuilder();
    for (EndpointView e : overview.all()) {
      String url = r.serverBase() + "/scep/" + e.alias();
      body.append("<section class=\"endpoint\" aria-labelledby=\"ep-").append(Html.text(e.alias())).append("\">")
          .append("<h2 id=\"ep-").append(Html.text(e.alias())).append("\">").append(Html.text(e.alias()))
          .append(" <span class=\"").append(e.ready() ? "up" : "down").append("\">")
          .append(e.ready() ? "ready" : "not ready").append("</span></h2><dl>")
          .append("<dt>SCEP URL</dt><dd>").append(ChallengesPage.copyable("url-" + e.alias(), url))
          .append(e.compat() ? "<br>also " + Html.text(r.serverBase()) + "/certsrv/mscep/mscep.dll and "
              + Html.text(r.serverBase()) + "/cgi-bin/pkiclient.exe" : "").append("</dd>")
          .append("<dt>Backend</dt><dd>").append(Html.text(e.backend())).append("</dd>")
          .append("<dt>Readiness</dt><dd>").append(Html.text(e.readiness())).append("</dd>")
          .append("<dt>Approval</dt><dd>").append(e.manualApproval() ? "manual" : "automatic").append("</dd>")
          .append("<dt>One-time challenges</dt><dd>").append(e.oneTimeChallenges() ? "yes" : "no").append("</dd>")
          .append("<dt>Capabilities</dt><dd>").append(Html.text(String.join(" ", e.capabilities()))).append("</dd>")
          .append("</dl>")
          .append(e.chainProblem() == null ? "" : ConsoleLayout.status(e.chainProblem(), false))
          .append(table("CA chain (issuing CA first)", e.caChain()))
          .append(table("RA certificates (encryption, signing)", e.raCertificates()))
          .append("</section>");
    }
    r.write(200, "Endpoints", ConsoleServlet.ENDPOINTS, body.toString());
  }

  private static String table(String caption, List<CertificateView> certificates) {
    StringBuilder rows = new StringBuilder();
    for (CertificateView c : certificates) {
      rows.append("<tr>").append(ConsoleLayout.cell(c.subject())).append(ConsoleLayout.cell(c.notAfter().toString()))
          .append("<td class=\"hash\"><code>").append(Html.text(c.sha1())).append("</code></td>")
          .append("<td class=\"hash\"><code>").append(Html.text(c.sha256())).append("</code></td></tr>");
    }
    return "<div class=\"scroll\"><table><caption>" + caption + "</caption><thead><tr><th>Subject</th>"
        + "<th>Expires</th><th>SHA-1</th><th>SHA-256</th></tr></thead><tbody>" + rows + "</tbody></table></div>";
  }
}
