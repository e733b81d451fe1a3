package org.scepra.backend.ejbca;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/**
 * EJBCA's {@code certificateResponse}. {@link #data} holds base64 text of the DER (line-wrapped),
 * which the XML base64-encodes again: see {@link CertificateCodec}.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(
    name = "certificateResponse",
    namespace = EjbcaWs.NAMESPACE,
    propOrder = {"responseType", "data"})
public class CertificateResponse {

  public String responseType;
  public byte[] data;
}
