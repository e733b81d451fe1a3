package org.scepra.web.console;

import java.io.IOException;
import java.util.List;
import org.scepra.ra.console.Activity;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.web.html.Html;

/** The latest transactions and how they ended, read from the database. */
final class ActivityPage implements ConsolePage {
  private final Activity activity;

  ActivityPage(Activity activity) {
    this.activity = activity;
  }

  @Override
  public void serve(ConsoleRequest r) throws IOException {
    List<TransactionRecord> latest = activity.latest();
    StringBuilder rows = new StringBuilder();
    for (TransactionRecord t : latest) {
      String outcome = t.serialHex() != null ? "serial " + t.serialHex()
          : t.failText() != null ? t.failInfo() + ": " + t.failText() : "";
      rows.append("<tr>").append(ConsoleLayout.cell(t.receivedAt().toString())).append(ConsoleLayout.cell(t.alias()))
          .append(ConsoleLayout.code(t.transactionId()))
          .append("<td class=\"subject\">").append(Html.text(t.subject())).append("</td>")
          .append(ConsoleLayout.cell(t.status().name())).append(ConsoleLayout.cell(outcome))
          .append(ConsoleLayout.cell(t.decidedBy())).append(ConsoleLayout.cell(t.clientAddress())).append("</tr>");
    }
    String table = latest.isEmpty() ? "<p>No transactions yet.</p>"
        : "<div class=\"scroll\"><table><caption>The latest " + latest.size() + " transactions, newest first"
            + "</caption><thead><tr><th>Received</th><th>Endpoint</th><th>Transaction</th><th>Subject</th>"
            + "<th>Status</th><th>Outcome</th><th>Decided by</th><th>From</th></tr></thead><tbody>" + rows
            + "</tbody></table></div>";
    r.write(200, "Activity", ConsoleServlet.ACTIVITY, table);
  }
}
