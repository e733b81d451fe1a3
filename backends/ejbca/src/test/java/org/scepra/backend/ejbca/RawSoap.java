package org.scepra.backend.ejbca;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Raw SOAP 1.1 POSTs to the double, to look at exactly what it answers. */
final class RawSoap {

  private RawSoap() {}

  static HttpResponse<String> post(URI url, SSLContext tls, String operation, String arguments) throws Exception {
    String body =
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ws=\""
            + EjbcaWs.NAMESPACE + "\"><soapenv:Body><ws:" + operation + ">" + arguments + "</ws:" + operation
            + "></soapenv:Body></soapenv:Envelope>";
    HttpClient client =
        HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "text/xml; charset=utf-8")
            .header("SOAPAction", "\"" + EjbcaWs.NAMESPACE + operation + "\"")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static String arg(int index, String value) {
    return "<arg" + index + ">" + value.replace("&", "&amp;").replace("<", "&lt;") + "</arg" + index + ">";
  }

  /** The end entity as EJBCA's own client sends it for a new enrolment. */
  static String user(String username, String password, String caName, String endEntityProfile) {
    return "<arg0><username>" + username + "</username><password>" + password + "</password>"
        + "<clearPwd>false</clearPwd><subjectDN>CN=" + username + "</subjectDN><caName>" + caName + "</caName>"
        + "<status>10</status><tokenType>USERGENERATED</tokenType><sendNotification>false</sendNotification>"
        + "<keyRecoverable>false</keyRecoverable><endEntityProfileName>" + endEntityProfile
        + "</endEntityProfileName><certificateProfileName>ENDUSER</certificateProfileName></arg0>";
  }

  /** TLS as the RA: its client certificate, trusting the management CA. */
  static SSLContext clientTls(TestPki pki) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("ra", pki.raKeys.getPrivate(), new char[0], new X509Certificate[] {pki.raCert});
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, new char[0]);
    return tls(pki, keyManagers);
  }

  /** TLS with no client certificate at all. */
  static SSLContext anonymousTls(TestPki pki) throws Exception {
    return tls(pki, null);
  }

  static String capture(String name) throws Exception {
    try (InputStream in = RawSoap.class.getResourceAsStream("/ejbca-captures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static SSLContext tls(TestPki pki, KeyManagerFactory keyManagers) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", pki.ca.certificate());
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }
}
