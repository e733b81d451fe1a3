package org.scepra.backend.ejbca;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * What the EJBCA double knows and does, behind its web-service face ({@link EjbcaDoubleWs}): end
 * entities, one CA, approvals. Checks run in EJBCA's order and fail with EJBCA's faults and
 * messages as captured from EJBCA CE 8.2 (approval faults follow the WSDL; they were not captured).
 */
final class EjbcaDouble {

  static final String CA_NAME = "ManagementCA";
  static final String VERSION = "EJBCA 8.2.0.1 Enterprise (working copy)";
  static final int STATUS_GENERATED = 40;

  final DoubleCa ca;
  final Map<String, DoubleProfiles.EndEntityProfile> endEntityProfiles = DoubleProfiles.endEntityProfiles();
  final Map<String, DoubleProfiles.CertificateProfile> certificateProfiles = DoubleProfiles.certificateProfiles();
  final Map<String, UserDataVOWS> users = new ConcurrentHashMap<>();
  final Map<String, X509Certificate> lastCertificate = new ConcurrentHashMap<>();
  /** The end entity of every certificate issued, by serial number. */
  final Map<BigInteger, String> owners = new ConcurrentHashMap<>();
  /** Every one-time password an editUser set, so tests can look for them in logs. */
  final List<String> passwords = new CopyOnWriteArrayList<>();
  /** The CA's "Enforce unique DN" and "Enforce unique public keys", on in a new EJBCA CA. */
  volatile boolean enforceUniqueDn = true;
  volatile boolean enforceUniqueKey = true;
  final Map<Integer, DoubleApproval> approvals = new ConcurrentHashMap<>();
  final Set<String> admins = ConcurrentHashMap.newKeySet();
  final List<UserDataVOWS> edits = new ArrayList<>();
  volatile boolean enrolmentNeedsApproval;
  volatile boolean revocationNeedsApproval;
  /** Misbehaves: certifies some other key than the CSR's. */
  volatile boolean certifiesAnotherKey;
  /** Operation name to a fault it answers with instead of working. */
  final Map<String, SOAPFaultException> scripted = new ConcurrentHashMap<>();
  private final AtomicInteger nextApproval = new AtomicInteger(-1_460_000_000);

  EjbcaDouble(TestPki pki) {
    ca = new DoubleCa(pki.ca);
    admins.add(pki.raCert.getSubjectX500Principal().getName());
  }

  synchronized void editUser(UserDataVOWS user) {
    edits.add(user);
    if (user.password != null) {
      passwords.add(user.password);
    }
    if (!CA_NAME.equals(user.caName)) {
      throw DoubleFaults.withCode(EjbcaFault.CA_DOESNT_EXIST, "CA_NOT_EXISTS", "No CA found by name of " + user.caName);
    }
    if (!endEntityProfiles.containsKey(user.endEntityProfileName)) {
      throw DoubleFaults.withCode("EjbcaException", "EE_PROFILE_NOT_EXISTS",
          "Error End Entity profile " + user.endEntityProfileName + " does not exist.");
    }
    if (!certificateProfiles.containsKey(user.certificateProfileName)) {
      throw DoubleFaults.withCode("EjbcaException", "CERT_PROFILE_NOT_EXISTS",
          "Error Certificate profile " + user.certificateProfileName + " does not exist.");
    }
    if (!UserDataVOWS.TOKEN_USERGENERATED.equals(user.tokenType)) {
      throw DoubleFaults.withCode("EjbcaException", "UNKOWN_TOKEN_TYPE", "Unknown token type " + user.tokenType);
    }
    String violation = DoubleProfiles.violation(endEntityProfiles.get(user.endEntityProfileName), user);
    if (violation != null) {
      throw DoubleFaults.empty(EjbcaFault.USER_DOESNT_FULFILL_PROFILE, violation);
    }
    if (enrolmentNeedsApproval) {
      boolean waiting = approvals.values().stream()
          .anyMatch(a -> a.remaining > 0 && !a.expired && a.user.username.equals(user.username));
      if (waiting) {
        throw DoubleFaults.withCode(EjbcaFault.APPROVAL, "APPROVAL_ALREADY_EXISTS", "Approval request already exists.");
      }
      int id = nextApproval.getAndIncrement();
      approvals.put(id, new DoubleApproval(DoubleUsers.copy(user)));
      throw DoubleFaults.waitingForApproval(id, "Add end entity action has been sent for approval.");
    }
    users.put(user.username, DoubleUsers.stored(user));
  }

  synchronized CertificateResponse pkcs10Request(String username, String password, String base64Csr) throws Exception {
    UserDataVOWS user = users.get(username);
    if (user == null) {
      throw DoubleFaults.notFound("Wrong username or password");
    }
    if (!password.equals(user.password)) {
      throw DoubleFaults.withCode("EjbcaException", "LOGIN_ERROR", "Got request for user with invalid password: " + username + ".");
    }
    if (user.status != UserDataVOWS.STATUS_NEW) {
      throw DoubleFaults.withCode("EjbcaException", "USER_WRONG_STATUS", "Got request with status GENERATED ("
          + user.status + "). Status NEW, FAILED or INPROCESS required: " + username + ".");
    }
    JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(Base64.getMimeDecoder().decode(base64Csr));
    if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getPublicKey()))) {
      throw DoubleFaults.withCode("EjbcaException", "SIGNATURE_ERROR", "Error verifying the request's signature.");
    }
    String illegalKey = DoubleProfiles.keyRefusal(certificateProfiles.get(user.certificateProfileName).keys(),
        csr.getSubjectPublicKeyInfo());
    if (illegalKey != null) {
      throw DoubleFaults.withCode("EjbcaException", "ILLEGAL_KEY", illegalKey);
    }
    RuntimeException refusal = DoubleNames.refusal(username, new X500Name(user.subjectDN),
        csr.getPublicKey().getEncoded(), owners, ca.issued, enforceUniqueDn, enforceUniqueKey);
    if (refusal != null) {
      throw refusal;
    }
    X509Certificate certificate = ca.issue(user, certifiesAnotherKey ? TestPki.ecKeys().getPublic() : csr.getPublicKey(),
        certificateProfiles.get(user.certificateProfileName), csr.toASN1Structure());
    user.status = STATUS_GENERATED;
    owners.put(certificate.getSerialNumber(), username);
    lastCertificate.put(username, certificate);
    CertificateResponse response = new CertificateResponse();
    response.responseType = "CERTIFICATE";
    response.data = DoubleCa.mime(certificate.getEncoded());
    return response;
  }

  List<CertificateWS> lastCaChain(String caName) {
    requireCa(caName);
    return List.of(DoubleCa.certificate(ca.issuer.certificate()));
  }

  List<CertificateWS> lastCertChain(String username) {
    X509Certificate last = lastCertificate.get(username);
    return last == null ? List.of() : List.of(DoubleCa.certificate(last), DoubleCa.certificate(ca.issuer.certificate()));
  }

  byte[] latestCrl(String caName) throws Exception {
    requireCa(caName);
    return ca.crl().getEncoded();
  }

  synchronized void revokeCert(String issuerDn, String hexSerial, int reason) {
    if (!new X500Name(issuerDn).equals(ca.name())) {
      throw DoubleFaults.withCode(EjbcaFault.CA_DOESNT_EXIST, "CA_NOT_EXISTS", "CA with id " + issuerDn.hashCode() + " does not exist.");
    }
    BigInteger serial = new BigInteger(hexSerial, 16);
    if (!ca.issued.containsKey(serial)) {
      throw DoubleFaults.notFound("Could not find end entity certificate. Issuer " + issuerDn + ", serialNo " + hexSerial + ".");
    }
    if (ca.revoked.containsKey(serial)) {
      throw DoubleFaults.withCode(EjbcaFault.ALREADY_REVOKED, "ALREADY_REVOKED", "Certificate with issuer: " + issuerDn
          + " and serial number: " + hexSerial + " has previously been revoked. Revocation reason could not be changed or was not allowed.");
    }
    if (revocationNeedsApproval) {
      throw DoubleFaults.waitingForApproval(nextApproval.getAndIncrement(), "Revocation has been sent for approval.");
    }
    ca.revoked.put(serial, reason);
  }

  int remainingApprovals(int requestId) {
    DoubleApproval approval = approvals.get(requestId);
    if (approval == null) {
      throw DoubleFaults.withCode(EjbcaFault.APPROVAL, "APPROVAL_REQUEST_ID_NOT_EXIST", "Approval with ID " + requestId + " not found.");
    }
    if (approval.expired && approval.remaining > 0) {
      throw DoubleFaults.empty(EjbcaFault.APPROVAL_EXPIRED, "Approval Request with request ID " + requestId + " has expired.");
    }
    return approval.remaining;
  }

  /** An administrator approves: EJBCA then executes the stored editUser as it was requested. */
  synchronized void approve(int requestId) {
    DoubleApproval approval = approvals.get(requestId);
    approval.remaining = 0;
    users.put(approval.user.username, DoubleUsers.stored(approval.user));
  }

  /** findUser: EJBCA's stored end entities (without their passwords), at most 100. */
  List<UserDataVOWS> findUser(UserMatch match) {
    return DoubleNames.find(users.values(), match).stream().map(DoubleUsers::withoutPassword).toList();
  }

  void reject(int requestId) {
    approvals.get(requestId).remaining = -1;
  }

  void expire(int requestId) {
    approvals.get(requestId).expired = true;
  }

  void requireCa(String caName) {
    if (!CA_NAME.equals(caName)) {
      throw DoubleFaults.withCode(EjbcaFault.CA_DOESNT_EXIST, "CA_NOT_EXISTS", "CA with name " + caName + " doesn't exist.");
    }
  }
}
