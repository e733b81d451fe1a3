package org.scepra.backend.ejbca;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * EJBCA's operations as scepra needs them: decoded results, and one checked exception for faults
 * and for calls that got no usable answer. The port's timeouts bound every call.
 */
final class EjbcaCalls {

  private static final String RESPONSE_CERTIFICATE = "CERTIFICATE";

  private final EjbcaWs port;

  EjbcaCalls(EjbcaWs port) {
    this.port = port;
  }

  void editUser(UserDataVOWS user) throws EjbcaCallException {
    call("editUser", () -> {
      port.editUser(user);
      return null;
    });
  }

  X509Certificate pkcs10Request(String username, String password, byte[] csrDer) throws EjbcaCallException {
    String csr = Base64.getEncoder().encodeToString(csrDer);
    CertificateResponse response =
        call("pkcs10Request", () -> port.pkcs10Request(username, password, csr, null, RESPONSE_CERTIFICATE));
    return decode("pkcs10Request", () -> CertificateCodec.certificate(response == null ? null : response.data));
  }

  List<X509Certificate> lastCaChain(String caName) throws EjbcaCallException {
    List<CertificateWS> chain = call("getLastCAChain", () -> port.getLastCAChain(caName));
    return decode("getLastCAChain", () -> CertificateCodec.certificates(chain));
  }

  List<X509Certificate> lastCertChain(String username) throws EjbcaCallException {
    List<CertificateWS> chain = call("getLastCertChain", () -> port.getLastCertChain(username));
    return decode("getLastCertChain", () -> CertificateCodec.certificates(chain));
  }

  /** The end entities whose {@code matchWith} field equals {@code value}; EJBCA returns at most 100. */
  List<UserDataVOWS> findUsers(int matchWith, String value) throws EjbcaCallException {
    List<UserDataVOWS> users = call("findUser", () -> port.findUser(UserMatch.equals(matchWith, value)));
    return users == null ? List.of() : List.copyOf(users);
  }

  /** Empty if the CA has not published a CRL. */
  Optional<X509CRL> latestCrl(String caName) throws EjbcaCallException {
    byte[] der = call("getLatestCRL", () -> port.getLatestCRL(caName, false));
    if (der == null || der.length == 0) {
      return Optional.empty();
    }
    return Optional.of(decode("getLatestCRL", () -> CertificateCodec.crl(der)));
  }

  void revokeCert(String issuerDn, String hexSerial, int reason) throws EjbcaCallException {
    call("revokeCert", () -> {
      port.revokeCert(issuerDn, hexSerial, reason);
      return null;
    });
  }

  int remainingApprovals(int requestId) throws EjbcaCallException {
    return call("getRemainingNumberOfApprovals", () -> port.getRemainingNumberOfApprovals(requestId));
  }

  String version() throws EjbcaCallException {
    return call("getEjbcaVersion", port::getEjbcaVersion);
  }

  private static <T> T call(String operation, Supplier<T> call) throws EjbcaCallException {
    try {
      return call.get();
    } catch (SOAPFaultException e) {
      throw EjbcaCallException.fault(operation, FaultParser.parse(e));
    } catch (RuntimeException e) {
      // WebServiceException for I/O, TLS, timeouts and HTTP errors; anything else is an answer
      // jaxws-rt could not read
      throw EjbcaCallException.failed(operation, e);
    }
  }

  private static <T> T decode(String operation, Decoder<T> decoder) throws EjbcaCallException {
    try {
      return decoder.decode();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw EjbcaCallException.failed(operation, e);
    }
  }

  @FunctionalInterface
  private interface Decoder<T> {
    T decode() throws GeneralSecurityException;
  }
}
