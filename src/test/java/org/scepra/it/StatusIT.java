package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Liveness, readiness and Prometheus metrics, served by the application on every server. */
@ExtendWith(ArquillianExtension.class)
class StatusIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  @Test
  void livenessIsUp() {
    ScepHttp.Response live = ScepHttp.get(base, "status/live");
    assertEquals(200, live.status(), live::toString);
    assertEquals("UP", Json.createReader(new StringReader(live.text())).readObject().getString("status"));
  }

  @Test
  void readinessCoversTheDatabaseAndEachBackend() {
    ScepHttp.Response ready = ScepHttp.get(base, "status/ready");
    JsonObject body = Json.createReader(new StringReader(ready.text())).readObject();
    boolean allUp = body.getJsonArray("checks").stream()
        .allMatch(c -> ((JsonObject) c).getString("status").equals("UP"));
    assertEquals(allUp ? 200 : 503, ready.status(), "the status code follows the checks: " + ready);
    assertEquals(allUp ? "UP" : "DOWN", body.getString("status"));
    assertTrue(check(body, "database").equals("UP"), ready::toString);
    assertTrue(check(body, "backend:default:internal-ca").equals("UP"), ready::toString);
    assertTrue(check(body, "endpoint:default").equals("UP"), ready::toString);
    JsonObject database = body.getJsonArray("checks").getJsonObject(0);
    assertEquals("database", database.getString("name"));
    assertTrue(database.getJsonObject("data").containsKey("checkedAt") && database.getJsonObject("data")
        .getJsonNumber("ageMillis").longValue() >= 0, () -> "each result says how old it is: " + ready);
  }

  @Test
  void metricsCountEnrolmentsAndLatencyInPrometheusFormat() throws Exception {
    ItDevice device = ItDevice.create(base, "scep");
    assertEquals("0", device.pkcsReq("tx-" + device.cn()).pkiStatus());
    ScepHttp.Response scrape = ScepHttp.get(base, "status/metrics");
    assertEquals(200, scrape.status(), scrape::toString);
    assertEquals("text/plain", scrape.mediaType());
    String text = scrape.text();
    assertTrue(value(text, "scepra_pki_operations_total\\{alias=\"default\",message_type=\"PKCS_REQ\",outcome=\"SUCCESS\"\\}") >= 1,
        text);
    assertTrue(value(text, "scepra_pki_operation_seconds_count\\{alias=\"default\"\\}") >= 1, text);
    assertTrue(text.contains("# TYPE scepra_pki_operation_seconds histogram"), text);
    assertTrue(value(text, "scepra_pending_requests") >= 0, text);
  }

  /**
   * The suite runs with scepra.crypto.provider unset (auto): ACCP on the platforms it is built for, and this WAR is
   * rarely the first deployed into WildFly's JVM, so this also sees ACCP reused across redeployments.
   */
  @Test
  void metricsNameTheCryptoProviderAndReadinessWaitsForTheWarmUp() throws Exception {
    String text = ScepHttp.get(base, "status/metrics").text();
    Matcher info = Pattern.compile("(?m)^scepra_crypto_provider_info\\{setting=\"auto\",provider=\"([^\"]+)\","
        + "version=\"[^\"]+\"\\} 1$").matcher(text);
    assertTrue(info.find(), text);
    String arch = System.getProperty("os.arch");
    boolean accpBuilt = System.getProperty("os.name").startsWith("Linux")
        && (arch.equals("amd64") || arch.equals("aarch64"));
    assertEquals(accpBuilt ? "AmazonCorrettoCryptoProvider" : "jdk", info.group(1), text);
    awaitWarmUp();
  }

  /**
   * The warm-up rehearses an enrollment's database writes in a transaction it rolls back: on this server's JTA and
   * JPA, its made-up certificate (subject "CN=scepra start-up warm-up") is never recorded, while a device's is.
   */
  @Test
  void theWarmUpsRehearsalLeavesNoCertificateRecorded() throws Exception {
    awaitWarmUp();
    ItDevice device = ItDevice.create(base, "scep");
    assertEquals("0", device.pkcsReq("tx-" + device.cn()).pkiStatus());
    ConsoleHttp.Answer signIn = ConsoleHttp.signIn(base, AdminClient.OPERATOR, AdminClient.OPERATOR_PASSWORD);
    String cookie = signIn.header("Set-Cookie").split(";", 2)[0];

    String theDevice = ConsoleHttp.get(base, "admin/console/certificates?subject=" + device.cn(), cookie).body();
    String theWarmUp = ConsoleHttp.get(base, "admin/console/certificates?subject="
        + URLEncoder.encode("scepra start-up warm-up", StandardCharsets.UTF_8), cookie).body();

    assertTrue(theDevice.contains("<td class=\"subject\">CN=" + device.cn()), theDevice);
    assertTrue(theWarmUp.contains("No certificate found."), theWarmUp);
  }

  private void awaitWarmUp() throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
    String warmUp = "missing";
    while (System.nanoTime() < deadline && !warmUp.equals("UP")) {
      ScepHttp.Response ready = ScepHttp.get(base, "status/ready");
      warmUp = check(Json.createReader(new StringReader(ready.text())).readObject(), "warm-up");
      Thread.sleep(200);
    }
    assertEquals("UP", warmUp, "the start-up warm-up ends");
  }

  private static String check(JsonObject body, String name) {
    return body.getJsonArray("checks").stream().map(c -> (JsonObject) c).filter(c -> c.getString("name").equals(name))
        .findFirst().map(c -> c.getString("status")).orElse("missing");
  }

  private static double value(String text, String metric) {
    Matcher matcher = Pattern.compile("(?m)^" + metric + " (\\S+)$").matcher(text);
    assertTrue(matcher.find(), () -> metric + " missing in\n" + text);
    return Double.parseDouble(matcher.group(1));
  }
}
