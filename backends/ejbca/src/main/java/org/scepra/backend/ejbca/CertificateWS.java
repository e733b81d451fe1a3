package org.scepra.backend.ejbca;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/**
 * EJBCA's {@code certificate}. {@link #certificateData} is base64 twice, like
 * {@link CertificateResponse#data}.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(
    name = "certificate",
    namespace = EjbcaWs.NAMESPACE,
    propOrder = {"type", "certificateData"})
public class CertificateWS {

  public int type;
  public byte[] certificateData;
}
