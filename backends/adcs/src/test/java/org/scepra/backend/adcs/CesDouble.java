package org.scepra.backend.adcs;

import java.security.KeyFactory;
import java.security.cert.X509Certificate;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The CA behind the CES double, deciding as an AD CS enterprise CA does: the template must be one
 * the CA offers (else CERTSRV_E_UNSUPPORTED_CERT_TYPE) and the caller must have Enroll permission
 * on it (else CERTSRV_E_TEMPLATE_DENIED); the key must be as large as the template asks
 * (CERTSRV_E_KEY_LENGTH); a template with CA manager approval holds the request (a RequestID) until
 * a manager issues or denies it. Key usage and EKUs come from the template, never the request; the
 * subject and subjectAltNames from the request ("supply in the request"). Request IDs count up.
 */
final class CesDouble {

  /** The caller names the double knows: the RA's TLS client certificate, and its AD account. */
  static final String CERTIFICATE_CALLER = "CN=scepra-ra.contoso.test";
  /** A user principal name; CES accepts a down-level logon name (domain, backslash, user) too. */
  static final String USERNAME = "svc-scepra@contoso.test";

  private enum State { PENDING, ISSUED, DENIED }

  private static final class Request {
    final PKCS10CertificationRequest csr;
    final CesTemplate template;
    volatile State state = State.PENDING;
    volatile X509Certificate certificate;

    Request(PKCS10CertificationRequest csr, CesTemplate template) {
      this.csr = csr;
      this.template = template;
    }
  }

  final CesPki pki;
  final Map<String, CesTemplate> templates = new ConcurrentHashMap<>();
  /** Templates on which the RA's callers lack Enroll permission. */
  final Set<String> enrollDenied = ConcurrentHashMap.newKeySet();
  private final Map<String, CesTemplate> withdrawn = new ConcurrentHashMap<>();
  volatile boolean caUnavailable;
  private final Map<Integer, Request> requests = new ConcurrentHashMap<>();
  private final AtomicInteger lastRequestId = new AtomicInteger(100);

  CesDouble(CesPki pki) {
    this.pki = pki;
    CesTemplate.catalog().forEach(this::offer);
    enrollDenied.add("WebServer");
  }

  void offer(CesTemplate template) {
    templates.put(template.name(), template);
  }

  /** The CA admin removes a template from "Certificate Templates to issue"; it can be put back. */
  void withdraw(String name) {
    CesTemplate template = templates.remove(name);
    if (template != null) {
      withdrawn.put(name, template);
    }
  }

  void restore(String name) {
    CesTemplate template = withdrawn.remove(name);
    if (template != null) {
      offer(template);
    }
  }

  synchronized CesDecision submit(PKCS10CertificationRequest csr, String templateName) {
    if (caUnavailable) {
      return new CesDecision.Refused(Hresults.RPC_S_SERVER_UNAVAILABLE, null, false, "The RPC server is unavailable.");
    }
    if (!signatureValid(csr)) {
      return new CesDecision.Refused(0x80090006, null, true, "Invalid Signature."); // NTE_BAD_SIGNATURE
    }
    if (templateName == null) {
      return new CesDecision.Refused(Hresults.CERTSRV_E_NO_CERT_TYPE, null, true,
          "The request contains no certificate template information.");
    }
    CesTemplate template = templates.get(templateName);
    if (template == null) {
      return new CesDecision.Refused(Hresults.CERTSRV_E_UNSUPPORTED_CERT_TYPE, null, true,
          "The requested certificate template is not supported by this CA.");
    }
    if (enrollDenied.contains(templateName)) {
      return new CesDecision.Refused(Hresults.CERTSRV_E_TEMPLATE_DENIED, null, true, "The permissions on the certificate template"
          + " do not allow the current user to enroll for this type of certificate.");
    }
    int requestId = lastRequestId.incrementAndGet();
    if (keySize(csr) < template.minimumKeySize()) {
      return new CesDecision.Refused(Hresults.CERTSRV_E_KEY_LENGTH, requestId, true,
          "The public key does not meet the minimum size required by the specified certificate template.");
    }
    Request request = new Request(csr, template);
    requests.put(requestId, request);
    if (template.managerApproval()) {
      return new CesDecision.Pending(requestId);
    }
    issue(request);
    return new CesDecision.Issued(requestId, request.certificate);
  }

  synchronized CesDecision query(String requestIdText) {
    if (caUnavailable) {
      return new CesDecision.Refused(Hresults.RPC_S_SERVER_UNAVAILABLE, null, false, "The RPC server is unavailable.");
    }
    Integer requestId;
    try {
      requestId = Integer.valueOf(requestIdText);
    } catch (NumberFormatException e) {
      requestId = null;
    }
    Request request = requestId == null ? null : requests.get(requestId);
    if (request == null) {
      return new CesDecision.Refused(Hresults.CERTSRV_E_NO_REQUEST, null, false, "The request does not exist.");
    }
    return switch (request.state) {
      case ISSUED -> new CesDecision.Issued(requestId, request.certificate);
      case PENDING -> new CesDecision.Pending(requestId);
      case DENIED -> new CesDecision.Refused(Hresults.CERTSRV_E_ADMIN_DENIED_REQUEST, requestId, true,
          "The request was denied by a certificate manager or CA administrator.");
    };
  }

  /** A CA manager issues a pending request (certutil -resubmit). */
  synchronized void approve(int requestId) {
    Request request = pending(requestId);
    issue(request);
  }

  /** A CA manager denies a pending request (certutil -deny). */
  synchronized void deny(int requestId) {
    pending(requestId).state = State.DENIED;
  }

  /** The newest request still waiting for a CA manager. */
  synchronized int lastPendingRequest() {
    return requests.entrySet().stream().filter(e -> e.getValue().state == State.PENDING)
        .mapToInt(Map.Entry::getKey).max()
        .orElseThrow(() -> new AssertionError("no request waits for a CA manager in the AD CS double"));
  }

  private Request pending(int requestId) {
    Request request = requests.get(requestId);
    if (request == null || request.state != State.PENDING) {
      throw new AssertionError("request " + requestId + " is not pending in the AD CS double");
    }
    return request;
  }

  private void issue(Request request) {
    try {
      PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
          new X509EncodedKeySpec(request.csr.getSubjectPublicKeyInfo().getEncoded()));
      request.certificate = pki.issue(X500Name.getInstance(request.csr.getSubject()), key,
          request.template.keyUsage(), request.template.extendedKeyUsages(), altNames(request.csr));
      request.state = State.ISSUED;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static GeneralNames altNames(PKCS10CertificationRequest csr) {
    for (var attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
      GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
      if (names != null) {
        return names;
      }
    }
    return null;
  }

  private static boolean signatureValid(PKCS10CertificationRequest csr) {
    try {
      return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()));
    } catch (Exception e) {
      return false;
    }
  }

  private static int keySize(PKCS10CertificationRequest csr) {
    try {
      PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
          new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
      return ((RSAPublicKey) key).getModulus().bitLength();
    } catch (Exception e) {
      return 0; // not RSA: the double's templates are RSA-only, as AD CS's legacy CSP templates are
    }
  }
}
