package org.scepra.backend.filedrop;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.IssueRequest;

/**
 * The {@code <id>.json} next to each queued CSR: what scepra decided about the request, for the CA
 * side's scripts. The CSR stays authoritative for subject, key and SANs; this is a convenience
 * summary. Written with JSON-P, so every string is escaped by the library.
 */
final class RequestSummary {

  /** Bumped only for incompatible changes; new fields may appear without a bump. */
  static final int FORMAT_VERSION = 1;

  private RequestSummary() {}

  /**
   * @param validityDays the validity to ask the CA for, in days
   */
  static byte[] json(String id, IssueRequest request, int validityDays, Instant receivedAt) {
    JsonObject summary =
        Json.createObjectBuilder()
            .add("formatVersion", FORMAT_VERSION)
            .add("id", id)
            .add("csrFile", id + ".csr")
            .add("alias", request.endpointAlias())
            .add("transactionId", request.transactionId())
            .add("profile", request.profile().name())
            .add("subject", subject(request))
            .add("subjectAltNames", altNames(request.csr().getRequestedExtensions()))
            .add("keyUsages", keyUsages(request.profile()))
            .add(
                "extendedKeyUsages", Json.createArrayBuilder(request.profile().extendedKeyUsages()))
            .add("validityDays", validityDays)
            .add("receivedAt", receivedAt.truncatedTo(ChronoUnit.SECONDS).toString())
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonWriter writer = Json.createWriter(out)) {
      writer.writeObject(summary);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /** RFC 2253 (as {@code openssl -nameopt RFC2253} prints it): most specific RDN first. */
  private static String subject(IssueRequest request) {
    try {
      return new X500Principal(request.csr().getSubject().getEncoded())
          .getName(X500Principal.RFC2253);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CSR's requested subjectAltNames, as {@code {"type": ..., "value": ...}} objects. */
  private static JsonArrayBuilder altNames(Extensions requested) {
    JsonArrayBuilder names = Json.createArrayBuilder();
    GeneralNames altNames =
        requested == null
            ? null
            : GeneralNames.fromExtensions(requested, Extension.subjectAlternativeName);
    if (altNames != null) {
      for (GeneralName name : altNames.getNames()) {
        JsonObjectBuilder entry =
            Json.createObjectBuilder()
                .add("type", AltNameText.type(name))
                .add("value", AltNameText.value(name));
        names.add(entry);
      }
    }
    return names;
  }

  /** RFC 5280 names of the key usage bits, in bit order. */
  private static JsonArrayBuilder keyUsages(CertificateProfile profile) {
    JsonArrayBuilder usages = Json.createArrayBuilder();
    for (CertificateProfile.KeyUsage usage : CertificateProfile.KeyUsage.values()) {
      if (profile.keyUsages().contains(usage)) {
        usages.add(
            switch (usage) {
              case DIGITAL_SIGNATURE -> "digitalSignature";
              case NON_REPUDIATION -> "nonRepudiation";
              case KEY_ENCIPHERMENT -> "keyEncipherment";
              case DATA_ENCIPHERMENT -> "dataEncipherment";
              case KEY_AGREEMENT -> "keyAgreement";
            });
      }
    }
    return usages;
  }
}
