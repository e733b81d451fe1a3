package org.scepra.web.console;

import java.io.IOException;
import java.util.List;
import org.scepra.ra.admin.AdminResult;
import org.scepra.ra.admin.Approvals;
import org.scepra.ra.admin.PendingRequest;
import org.scepra.web.html.Html;

/**
 * Requests waiting for an operator, with what the decision needs, above all the CSR's SHA-256 to compare with the
 * one the device shows; approve, or reject with a reason the device receives.
 */
final class PendingPage implements ConsolePage {
  private final Approvals approvals;

  PendingPage(Approvals approvals) {
    this.approvals = approvals;
  }

  @Override
  public void serve(ConsoleRequest r) throws IOException {
    String notice = "";
    int status = 200;
    if (r.isPost()) {
      String alias = r.param("alias");
      String tx = r.param("transactionId");
      AdminResult result = r.param("decision").equals("approve") ? approvals.approve(alias, tx, r.user().name())
          : approvals.reject(alias, tx, r.user().name(), r.param("reason"));
      boolean done = result.kind() == AdminResult.Kind.DONE;
      status = done ? 200 : result.kind() == AdminResult.Kind.NOT_FOUND ? 404 : 409;
      notice = ConsoleLayout.status((done ? "Transaction " + tx + ": " : "Not done: ") + result.detail(), done);
    }
    List<PendingRequest> pending = approvals.pending();
    StringBuilder rows = new StringBuilder();
    for (PendingRequest p : pending) {
      rows.append("<tr><td>").append(Html.text(p.alias())).append("<br><code>").append(Html.text(p.transactionId()))
          .append("</code></td><td class=\"subject\">").append(Html.text(p.csr().subject()))
          .append("<div class=\"sans\">").append(Html.text(String.join(", ", p.csr().subjectAltNames())))
          .append("</div></td><td>").append(Html.text(p.csr().keyType() + " " + p.csr().keySize()))
          .append("<div class=\"hint\">").append(Html.text(String.join(", ", p.csr().keyUsage())))
          .append("</div><div>").append(Html.text(p.profile())).append("</div></td><td>")
          .append(Html.text(p.receivedAt().toString())).append("<div>").append(Html.text(p.clientAddress()))
          .append("</div></td><td class=\"hash\"><code>").append(Html.text(p.csr().csrSha256()))
          .append("</code></td><td class=\"actions\">").append(decide(r, p)).append("</td></tr>");
    }
    String table = pending.isEmpty() ? "<p>No request is waiting for approval.</p>"
        : "<div class=\"scroll\"><table><caption>" + pending.size() + " waiting, oldest first</caption><thead><tr>"
            + "<th>Endpoint, transaction</th><th>Subject, SANs</th><th>Key, usage, profile</th>"
            + "<th>Received, from</th><th>CSR SHA-256</th><th>Decision</th></tr></thead>"
            + "<tbody>" + rows + "</tbody></table></div>";
    r.write(status, "Pending requests", ConsoleServlet.PENDING, notice
        + "<p class=\"hint\">Compare the CSR's SHA-256 with the one the device shows before you approve.</p>"
        + table);
  }

  private static String decide(ConsoleRequest r, PendingRequest p) {
    String hidden = r.csrfField() + "<input type=\"hidden\" name=\"alias\" value=\"" + Html.text(p.alias()) + "\">"
        + "<input type=\"hidden\" name=\"transactionId\" value=\"" + Html.text(p.transactionId()) + "\">";
    String id = Html.text(p.alias() + "-" + p.transactionId());
    return "<form method=\"post\">" + hidden + "<input type=\"hidden\" name=\"decision\" value=\"approve\">"
        + "<button type=\"submit\" class=\"approve\" aria-label=\"Approve " + id + "\">Approve</button></form>"
        + "<form method=\"post\" class=\"reject\">" + hidden
        + "<input type=\"hidden\" name=\"decision\" value=\"reject\">"
        + "<label>Reason <input name=\"reason\" maxlength=\"255\" required></label>"
        + "<button type=\"submit\" aria-label=\"Reject " + id + "\">Reject</button></form>";
  }
}
