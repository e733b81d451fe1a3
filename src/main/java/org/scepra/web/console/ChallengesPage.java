package org.scepra.web.console;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.scepra.ra.admin.AdminResult;
import org.scepra.ra.challenge.ChallengeIssuance;
import org.scepra.ra.console.EndpointOverview;
import org.scepra.web.html.Html;

/** Mint a one-time challenge for an endpoint, optionally bound to a subject and SAN; show it with the thumbprints. */
final class ChallengesPage implements ConsolePage {
  private final EndpointOverview overview;
  private final ChallengeIssuance issuance;

  ChallengesPage(EndpointOverview overview, ChallengeIssuance issuance) {
    this.overview = overview;
    this.issuance = issuance;
  }

  @Override
  public boolean operatorOnly() {
    return false;
  }

  @Override
  public void serve(ConsoleRequest r) throws IOException {
    List<String> aliases = overview.withOneTimeChallenges();
    String result = "";
    int status = 200;
    if (r.isPost()) {
      ChallengeIssuance.Result minted = issuance.mint(r.param("endpoint"), r.user().name(),
          optional(r.param("subject")), optional(r.param("subjectAltName")));
      if (minted instanceof ChallengeIssuance.Minted m) {
        result = shown(m.issued(), r.param("endpoint"));
      } else {
        AdminResult refused = ((ChallengeIssuance.Refused) minted).reason();
        status = refused.kind() == AdminResult.Kind.CONFLICT ? 409 : 404;
        result = ConsoleLayout.status(refused.detail(), false);
      }
    }
    StringBuilder options = new StringBuilder();
    for (String alias : aliases) {
      options.append("<option").append(alias.equals(r.param("endpoint")) ? " selected" : "").append('>')
          .append(Html.text(alias)).append("</option>");
    }
    String form = aliases.isEmpty()
        ? "<p>No endpoint accepts one-time challenges (scepra.endpoint.&lt;alias&gt;.one-time-challenges).</p>"
        : "<form method=\"post\" class=\"stack\">" + r.csrfField()
            + "<label for=\"endpoint\">Endpoint</label><select id=\"endpoint\" name=\"endpoint\">" + options
            + "</select>"
            + "<label for=\"subject\">Bind to subject (optional)</label>"
            + "<input id=\"subject\" name=\"subject\" placeholder=\"CN=device-1\">"
            + "<label for=\"subjectAltName\">Bind to subjectAltName (optional)</label>"
            + "<input id=\"subjectAltName\" name=\"subjectAltName\" placeholder=\"device-1.example.com\">"
            + "<button type=\"submit\" id=\"mint\">Mint challenge</button></form>";
    r.write(status, "One-time challenges", ConsoleServlet.CHALLENGES, result + form);
  }

  private static String shown(ChallengeIssuance.Issued issued, String alias) {
    return "<section class=\"minted\" aria-label=\"New challenge\"><dl>"
        + "<dt>Challenge for " + Html.text(alias) + "</dt><dd>" + copyable("challenge", issued.challenge()) + "</dd>"
        + "<dt>Expires</dt><dd id=\"expires\">" + Html.text(issued.expiresAt().toString()) + "</dd>"
        + "<dt>CA thumbprint (SHA-1)</dt><dd>" + copyable("ca-sha1", issued.caThumbprintSha1()) + "</dd>"
        + "<dt>CA thumbprint (SHA-256)</dt><dd>" + copyable("ca-sha256", issued.caThumbprintSha256()) + "</dd>"
        + "</dl><p class=\"hint\">Valid once. It is not shown again: copy it now.</p></section>";
  }

  /** A value with a copy button (console.js); without script the value is still there to select. */
  static String copyable(String id, String value) {
    return "<code id=\"" + id + "\">" + Html.text(value) + "</code> <button type=\"button\" class=\"copy\" "
        + "data-copy=\"" + id + "\">Copy</button>";
  }

  private static Optional<String> optional(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
