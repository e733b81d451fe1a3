package org.scepra.backend.ejbca;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The double's SOAP face: EjbcaWS's element names (document/literal wrapped, unqualified
 * arg0..argN and return), served by jaxws-rt. Every operation but getEjbcaVersion needs the
 * caller's client certificate to belong to an administrator, as on EJBCA.
 */
@WebService(name = "EjbcaWS", serviceName = "EjbcaWSService", portName = "EjbcaWSPort", targetNamespace = EjbcaWs.NAMESPACE)
public class EjbcaDoubleWs {

  static final String NO_CLIENT_CERT = "Error no client certificate or OAuth token received used for authentication.";

  private final EjbcaDouble ejbca;

  public EjbcaDoubleWs(EjbcaDouble ejbca) {
    this.ejbca = ejbca;
  }

  /** getAvailableCAs' element ({@code nameAndId}); only the double needs it. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(name = "nameAndId", namespace = EjbcaWs.NAMESPACE, propOrder = {"name", "id"})
  public static class NameAndId {
    public String name;
    public int id;
  }

  @WebMethod(action = EjbcaWs.NAMESPACE + "editUser")
  public void editUser(@WebParam(name = "arg0") UserDataVOWS user) {
    authorize("editUser");
    ejbca.editUser(user);
  }

  @WebMethod(action = EjbcaWs.NAMESPACE + "pkcs10Request")
  @WebResult(name = "return")
  public CertificateResponse pkcs10Request(
      @WebParam(name = "arg0") String username,
      @WebParam(name = "arg1") String password,
      @WebParam(name = "arg2") String base64Csr,
      @WebParam(name = "arg3") String hardTokenSerial,
      @WebParam(name = "arg4") String responseType)
      throws Exception {
    authorize("pkcs10Request");
    return ejbca.pkcs10Request(username, password, base64Csr);
  }

  @WebMethod(action = EjbcaWs.NAMESPACE + "getLastCAChain")
  @WebResult(name = "return")
  public List<CertificateWS> getLastCAChain(@WebParam(name = "arg0") String caName) {
    authorize("getLastCAChain");
    return ejbca.lastCaChain(caName);
  }

  @WebMethod(action = EjbcaWs.NAMESPACE + "getLastCertChain")
  @WebResult(name = "return")
  public List<CertificateWS> getLastCertChain(@WebParam(name = "arg0") String username) {
    authorize("getLastCertChain");
    return ejbca.lastCertChain(username);
  }

  @WebMethod(action = EjbcaWs.NAMESPACE + "findUser")
  @WebResult(name = "return")
  public List<UserDataVOWS> findUser(@WebParam(name = "arg0") UserMatch match) {
    authorize("findUser");
    return ejbca.findUser(match);
  }

  @WebMethod(action = EjbcaWs.NAMESPACE + "getLatestCRL")
  @WebResult(name = "return")
  public byte[] getLatestCRL(@WebParam(name = "arg0") String caName, @WebParam(name = "arg1") boolean delta)
      throws Exception {
    authorize("getLatestCRL");
    return ejbca.latestCrl(caName);
  }

  @WebMethod(action = EjbcaWs.NAMESPACE + "revokeCert")
  public void revokeCert(
      @WebParam(name = "arg0") String issuerDn, @WebParam(name = "arg1") String hexSerial, @WebParam(name = "arg2") int reason) {
    authorize("revokeCert");
    ejbca.revokeCert(issuerDn, hexSerial, reason);
  }

  @WebMethod(action = EjbcaWs.NAMESPACE + "getRemainingNumberOfApprovals")
  @WebResult(name = "return")
  public int getRemainingNumberOfApprovals(@WebParam(name = "arg0") int requestId) {
    authorize("getRemainingNumberOfApprovals");
    return ejbca.remainingApprovals(requestId);
  }

  @WebMethod(action = EjbcaWs.NAMESPACE + "getAvailableCAs")
  @WebResult(name = "return")
  public List<NameAndId> getAvailableCAs() {
    authorize("getAvailableCAs");
    NameAndId ca = new NameAndId();
    ca.name = EjbcaDouble.CA_NAME;
    ca.id = TestPki.CA_DN.hashCode(); // EJBCA's CA id is the hash of its subject DN
    return List.of(ca);
  }

  @WebMethod(action = EjbcaWs.NAMESPACE + "getEjbcaVersion")
  @WebResult(name = "return")
  public String getEjbcaVersion() {
    scripted("getEjbcaVersion");
    return EjbcaDouble.VERSION;
  }

  private void authorize(String operation) {
    scripted(operation);
    Optional<X509Certificate> peer = DoubleServer.peer();
    if (peer.isEmpty()) {
      throw DoubleFaults.empty(EjbcaFault.AUTHORIZATION_DENIED, NO_CLIENT_CERT);
    }
    String subject = peer.get().getSubjectX500Principal().getName();
    if (!ejbca.admins.contains(subject)) {
      throw DoubleFaults.empty(EjbcaFault.AUTHORIZATION_DENIED,
          "Authorization Denied: " + subject + " is not authorized to resource /administrator.");
    }
  }

  private void scripted(String operation) {
    SOAPFaultException fault = ejbca.scripted.get(operation);
    if (fault != null) {
      throw fault;
    }
  }
}
