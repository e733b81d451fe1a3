package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;

/** Plain HTTP/1.1 calls to the SCEP endpoints (always via 127.0.0.1, never a proxy). */
public final class ScepHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private ScepHttp() {
    }

    public record Response(String uri, int status, String contentType, byte[] body) {

        /** The media type without parameters, lower case ("" when absent). */
        public String mediaType() {
            return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String shown = text();
            if (shown.length() > 500) {
                shown = shown.substring(0, 500) + "...";
            }
            return "GET " + uri + " -> " + status + " [" + contentType + "] " + shown;
        }
    }

    /** GET {@code base + relative} where relative may include a query, e.g. {@code scep?operation=GetCACaps}. */
    public static Response get(URL base, String relative) {
        String uri = Deployments.resolve(base, relative);
        return send("GET", uri, HttpRequest.newBuilder(URI.create(uri)).GET());
    }

    /** POST {@code body} to {@code base + relative} with the given content type. */
    public static Response post(URL base, String relative, String contentType, byte[] body) {
        String uri = Deployments.resolve(base, relative);
        return send("POST", uri, HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** POST {@code body} with chunked transfer encoding (no Content-Length), as streaming clients send it. */
    public static Response postStream(URL base, String relative, String contentType, byte[] body) {
        String uri = Deployments.resolve(base, relative);
        return send("POST", uri, HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    private static Response send(String method, String uri, HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Response(uri, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + method + " " + uri, e);
        }
    }

    /** GetCACert on {@code path} (e.g. "scep"); asserts 200 and returns the certificates in their encoded order. */
    public static List<X509Certificate> caCerts(URL base, String path) {
        Response r = get(base, path + "?operation=GetCACert");
        assertEquals(200, r.status(), r::toString);
        return certificatesInOrder(r.body());
    }

    /**
     * The certificates of a degenerate (certs-only) PKCS#7 SignedData, in the order they are encoded (the order
     * SCEP clients see: RA encryption, RA signing, CA chain). Read straight from the ASN.1 so no library re-sorts them.
     */
    public static List<X509Certificate> certificatesInOrder(byte[] pkcs7) {
        try {
            ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(pkcs7));
            if (!CMSObjectIdentifiers.signedData.equals(ci.getContentType())) {
                throw new AssertionError("GetCACert content type is " + ci.getContentType() + ", not signedData");
            }
            SignedData sd = SignedData.getInstance(ci.getContent());
            ASN1Set set = sd.getCertificates();
            List<X509Certificate> out = new ArrayList<>();
            if (set == null) {
                return out;
            }
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (ASN1Encodable e : set) {
                out.add((X509Certificate) cf.generateCertificate(
                        new ByteArrayInputStream(e.toASN1Primitive().getEncoded())));
            }
            return out;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new AssertionError("GetCACert body is not a PKCS#7 SignedData with X.509 certificates: " + e, e);
        }
    }
}
