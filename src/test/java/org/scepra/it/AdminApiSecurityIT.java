package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin API answers only authenticated operators; the SCEP path stays open. */
@ExtendWith(ArquillianExtension.class)
class AdminApiSecurityIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  @Test
  void anonymousGets401() {
    AdminClient anonymous = new AdminClient(base, null, null);
    assertEquals(401, anonymous.get("pending").status());
    assertEquals(401, anonymous.post("pending/default/x/approve", "").status());
    assertEquals(401, anonymous.post("certificates/01/revoke", "{}").status());
  }

  @Test
  void wrongPasswordGets401() {
    assertEquals(401, new AdminClient(base, AdminClient.OPERATOR, "wrong").get("pending").status());
  }

  @Test
  void userWithoutTheOperatorRoleGets403() {
    AdminClient viewer = new AdminClient(base, "it-viewer", "it-viewer-pw-1");
    assertEquals(403, viewer.get("pending").status());
    assertEquals(403, viewer.post("pending/default/x/reject", "{\"reason\":\"no\"}").status());
  }

  @Test
  void operatorIsServed() {
    AdminClient.Reply reply = AdminClient.operator(base).get("pending");
    assertEquals(200, reply.status(), reply.body());
    assertEquals(404, AdminClient.operator(base).post("pending/default/no-such-tx/approve", "").status());
  }

  @Test
  void scepNeedsNoCredentials() {
    assertEquals(200, ScepHttp.get(base, "scep?operation=GetCACaps").status());
  }
}
