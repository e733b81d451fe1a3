package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.cms.CMSSignedData;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GetCACaps / GetCACert on every SCEP path, and the HTTP errors for bad requests. */
@ExtendWith(ArquillianExtension.class)
class CaDiscoveryIT {

    /** Every path the contract serves for the default alias, plus the legacy alias. */
    private static final List<String> SCEP_PATHS = List.of(
            "scep",
            "scep/default",
            "scep/legacy",
            "cgi-bin/pkiclient.exe",
            "certsrv/mscep/mscep.dll",
            "certsrv/mscep/mscep.dll/pkiclient.exe");

    private static final List<String> REQUIRED_CAPS = List.of("POSTPKIOperation", "SHA-256", "AES", "SCEPStandard");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void getCaCapsOnEveryPath() {
        assertAll(SCEP_PATHS.stream().map(path -> () -> {
            ScepHttp.Response r = ScepHttp.get(base, path + "?operation=GetCACaps");
            assertEquals(200, r.status(), r::toString);
            assertEquals("text/plain", r.mediaType(), r::toString);
            Set<String> caps = Arrays.stream(r.text().split("\r?\n"))
                    .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            for (String cap : REQUIRED_CAPS) {
                assertTrue(caps.contains(cap), () -> "capability " + cap + " missing: " + r);
            }
        }));
    }

    @Test
    void getCaCertIsRaEncryptionThenRaSigningThenCaChain() throws Exception {
        ScepHttp.Response r = ScepHttp.get(base, "scep?operation=GetCACert");
        assertEquals(200, r.status(), r::toString);
        assertEquals("application/x-x509-ca-ra-cert", r.mediaType(), r::toString);

        CMSSignedData cms = new CMSSignedData(r.body());
        assertTrue(cms.getSignerInfos().getSigners().isEmpty(), "GetCACert should be a degenerate (certs-only) SignedData");
        assertTrue(cms.getCertificates().getMatches(null).size() >= 3, "CMS parser sees fewer than 3 certificates");

        List<X509Certificate> certs = ScepHttp.certificatesInOrder(r.body());
        String listing = certs.stream().map(c -> c.getSubjectX500Principal().getName()).collect(Collectors.joining(" | "));
        assertTrue(certs.size() >= 3, () -> "expected RA encryption, RA signing and CA certificates, got " + listing);

        X509Certificate raEnc = certs.get(0);
        X509Certificate raSign = certs.get(1);
        X509Certificate ca = certs.get(certs.size() - 1);
        List<X509Certificate> caChain = certs.subList(2, certs.size());

        boolean[] encUsage = raEnc.getKeyUsage();
        assertNotNull(encUsage, () -> "first cert (RA encryption) has no keyUsage: " + listing);
        assertTrue(encUsage[2], () -> "first cert (RA encryption) lacks keyEncipherment: " + listing);
        assertTrue(raEnc.getBasicConstraints() < 0, "RA encryption cert must not be a CA");

        boolean[] signUsage = raSign.getKeyUsage();
        assertNotNull(signUsage, () -> "second cert (RA signing) has no keyUsage: " + listing);
        assertTrue(signUsage[0], () -> "second cert (RA signing) lacks digitalSignature: " + listing);
        assertTrue(raSign.getBasicConstraints() < 0, "RA signing cert must not be a CA");

        assertTrue(Certs.isSelfSigned(ca), () -> "last cert is not self-signed: " + listing);
        assertTrue(ca.getBasicConstraints() >= 0, () -> "last cert lacks basicConstraints cA=true: " + listing);
        for (X509Certificate c : caChain) {
            assertTrue(c.getBasicConstraints() >= 0, () -> "CA chain cert without cA=true: " + c.getSubjectX500Principal());
        }

        Certs.assertChainsTo(raEnc, caChain);
        Certs.assertChainsTo(raSign, caChain);
    }

    @Test
    void getCaCertOnEveryPath() {
        assertAll(SCEP_PATHS.stream().map(path -> () -> {
            ScepHttp.Response r = ScepHttp.get(base, path + "?operation=GetCACert");
            assertEquals(200, r.status(), r::toString);
            assertEquals("application/x-x509-ca-ra-cert", r.mediaType(), r::toString);
            List<X509Certificate> certs = ScepHttp.certificatesInOrder(r.body());
            assertTrue(certs.size() >= 3, () -> path + ": " + certs.size() + " certificates");
            assertTrue(Certs.isSelfSigned(certs.get(certs.size() - 1)), () -> path + ": last cert not self-signed");
        }));
    }

    @Test
    void unknownOperationIs400PlainTextWithoutStackTrace() {
        ScepHttp.Response r = ScepHttp.get(base, "scep?operation=Frobnicate");
        assertEquals(400, r.status(), r::toString);
        assertEquals("text/plain", r.mediaType(), r::toString);
        String body = r.text();
        for (String leak : List.of("Exception", "\tat ", "at org.", "at java.", "org.scepra.", "Caused by")) {
            assertFalse(body.contains(leak), () -> "error body leaks '" + leak.strip() + "': " + r);
        }
    }

    @Test
    void missingOperationIs400() {
        ScepHttp.Response noQuery = ScepHttp.get(base, "scep");
        assertEquals(400, noQuery.status(), noQuery::toString);
        ScepHttp.Response otherParam = ScepHttp.get(base, "scep?message=x");
        assertEquals(400, otherParam.status(), otherParam::toString);
    }

    @Test
    void undecodablePkiOperationIs400() {
        ScepHttp.Response r = ScepHttp.get(base, "scep?operation=PKIOperation&message=bm90LWEtcGtjczc%3D");
        assertEquals(400, r.status(), r::toString);
        assertEquals("text/plain", r.mediaType(), r::toString);
    }

    /** Methods other than GET and POST: a short plain 405 with Allow, never the container's page or a TRACE echo. */
    @Test
    void otherMethodsAre405PlainText() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
            .proxy(java.net.http.HttpClient.Builder.NO_PROXY).build();
        for (String method : List.of("PUT", "DELETE", "OPTIONS", "TRACE", "PATCH")) {
            // (Payara's connector refuses TRACE itself before any servlet: 405, its own Allow, no echo)
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(Deployments.resolve(base, "scep?operation=GetCACaps")))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode(), method);
            assertFalse(r.body().contains(method + " /"), () -> method + " echoed: " + r.body());
            if (method.equals("TRACE") && ItServer.isPayara()) {
                continue;
            }
            assertEquals("GET, POST, HEAD", r.headers().firstValue("Allow").orElse(""), method);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), method);
            assertEquals("SCEP uses GET and POST", r.body().strip(), method);
        }
    }

    @Test
    void unknownAliasIs404() {
        ScepHttp.Response r = ScepHttp.get(base, "scep/nope?operation=GetCACaps");
        assertEquals(404, r.status(), r::toString);
    }
}
