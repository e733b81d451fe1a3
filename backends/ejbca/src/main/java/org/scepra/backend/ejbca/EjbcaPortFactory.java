package org.scepra.backend.ejbca;

import com.sun.xml.ws.developer.JAXWSProperties;
import com.sun.xml.ws.developer.WSBindingProvider;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Service;
import java.net.URL;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import javax.xml.namespace.QName;

/**
 * Creates the JAX-WS port for one endpoint. jaxws-rt builds SEI proxies only from a WSDL, so a
 * hand-written one ({@value #WSDL}, the operations of {@link EjbcaWs}) is read from the classpath:
 * EJBCA's own {@code ?wsdl} is never fetched, as that would need the client certificate outside
 * the request context. The port is made once per endpoint and shared: jaxws-rt proxies are safe
 * for concurrent calls as long as the request context is not changed after creation.
 */
final class EjbcaPortFactory {

  static final QName SERVICE = new QName(EjbcaWs.NAMESPACE, "EjbcaWSService");
  static final QName PORT = new QName(EjbcaWs.NAMESPACE, "EjbcaWSPort");
  static final String WSDL = "ejbcaws.wsdl";

  private EjbcaPortFactory() {}

  static EjbcaWs create(EjbcaSettings settings, SSLSocketFactory tls) throws EjbcaConfigException {
    URL wsdl = EjbcaPortFactory.class.getResource(WSDL);
    if (wsdl == null) {
      throw new EjbcaConfigException("the EJBCA backend's " + WSDL + " is missing from the class path");
    }
    EjbcaWs port = Service.create(wsdl, SERVICE).getPort(PORT, EjbcaWs.class);
    // The TLS and timeout properties are jaxws-rt's own; another JAX-WS runtime (e.g. a server's
    // built-in one winning the class-loading race) would silently ignore them.
    if (!(port instanceof WSBindingProvider)) {
      throw new EjbcaConfigException(
          "the JAX-WS runtime in use (" + port.getClass().getName() + ") is not jaxws-rt; "
              + "the EJBCA backend needs jaxws-rt for mutual TLS and timeouts");
    }
    Map<String, Object> context = ((BindingProvider) port).getRequestContext();
    context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, settings.url().toString());
    context.put(JAXWSProperties.SSL_SOCKET_FACTORY, tls);
    context.put(JAXWSProperties.CONNECT_TIMEOUT, (int) settings.connectTimeout().toMillis());
    context.put(JAXWSProperties.REQUEST_TIMEOUT, (int) settings.readTimeout().toMillis());
    return port;
  }
}
