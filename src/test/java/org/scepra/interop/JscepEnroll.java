package org.scepra.interop;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jscep.client.Client;
import org.jscep.client.DefaultCallbackHandler;
import org.jscep.client.EnrollmentResponse;
import org.jscep.client.verification.OptimisticCertificateVerifier;
import org.jscep.transport.response.Capabilities;

/**
 * Enrolls once with the jscep 2.5.6 client. Runs in its own JVM on a classpath of jscep + BouncyCastle 1.73
 * (jscep breaks with BC 1.80+, which scepra itself uses), so only BC API present in 1.73 may be used here.
 *
 * <pre>java -cp &lt;jscep-lib/*&gt;:&lt;test-classes&gt; org.scepra.interop.JscepEnroll URL CN CHALLENGE OUT_DIR</pre>
 *
 * On success writes OUT_DIR/cert.pem and OUT_DIR/key.pem (PKCS#8) and exits 0; on a FAILURE CertRep exits 2,
 * still PENDING after polling 3, on any error 1.
 */
public final class JscepEnroll {

    /** Overridable (-Djscep.polls=N) for endpoints where an operator approves while the client polls. */
    private static final int POLL_ATTEMPTS = Integer.getInteger("jscep.polls", 10);
    private static final long POLL_INTERVAL_MS = 2000;

    private JscepEnroll() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: JscepEnroll URL CN CHALLENGE OUT_DIR");
            System.exit(64);
        }
        try {
            System.exit(enroll(new URL(args[0]), args[1], args[2], Path.of(args[3])));
        } catch (Exception e) {
            System.out.println("ERROR " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    /**
     * GetNextCACert through jscep's getRolloverCertificate (-Djscep.nextca=true): jscep checks GetNextCACert in
     * the caps and the answer's signature with the RA signing certificate; writes OUT_DIR/next-ca-N.pem.
     */
    private static void nextCa(Client client, Path outDir) throws Exception {
        System.out.println("rollover supported: " + client.getCaCapabilities().isRolloverSupported());
        List<X509Certificate> next = certificates(client.getRolloverCertificate());
        Files.createDirectories(outDir);
        for (int i = 0; i < next.size(); i++) {
            System.out.println("NEXTCA " + next.get(i).getSubjectX500Principal() + " issued by "
                    + next.get(i).getIssuerX500Principal());
            writePem(outDir.resolve("next-ca-" + i + ".pem"), "CERTIFICATE", next.get(i).getEncoded());
        }
    }

    static int enroll(URL url, String cn, String challenge, Path outDir) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048, new SecureRandom());
        KeyPair keyPair = kpg.generateKeyPair();
        X500Name subject = new X500Name("CN=" + cn);

        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate());
        long now = System.currentTimeMillis();
        X509Certificate selfSigned = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now), new Date(now - 60_000L),
                        new Date(now + 86_400_000L), subject, keyPair.getPublic()).build(signer));

        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString(challenge))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate()));

        Client client = new Client(url, new DefaultCallbackHandler(new OptimisticCertificateVerifier()));

        Capabilities caps = client.getCaCapabilities();
        System.out.println("caps: " + caps);
        System.out.println("strongest cipher: " + caps.getStrongestCipher());
        System.out.println("strongest digest: " + caps.getStrongestMessageDigest().getAlgorithm());
        System.out.println("POST supported: " + caps.isPostSupported());

        CertStore caStore = client.getCaCertificate();
        List<X509Certificate> caCerts = certificates(caStore);
        X500Principal issuer = null;
        for (X509Certificate c : caCerts) {
            System.out.println("GetCACert: " + c.getSubjectX500Principal() + " (CA=" + (c.getBasicConstraints() >= 0) + ")");
            if (issuer == null && c.getBasicConstraints() >= 0) {
                issuer = c.getSubjectX500Principal();
            }
        }

        if (Boolean.getBoolean("jscep.nextca")) {
            nextCa(client, outDir);
        }

        EnrollmentResponse response = client.enrol(selfSigned, keyPair.getPrivate(), csr);
        for (int i = 0; response.isPending() && i < POLL_ATTEMPTS; i++) {
            System.out.println("PENDING, transaction " + response.getTransactionId() + "; polling");
            Thread.sleep(POLL_INTERVAL_MS);
            response = client.poll(selfSigned, keyPair.getPrivate(), issuer, response.getTransactionId());
        }
        if (response.isFailure()) {
            System.out.println("FAILURE " + response.getFailInfo());
            return 2;
        }
        if (response.isPending()) {
            System.out.println("still PENDING after " + POLL_ATTEMPTS + " polls");
            return 3;
        }

        X509Certificate issued = null;
        for (X509Certificate c : certificates(response.getCertStore())) {
            if (c.getPublicKey().equals(keyPair.getPublic())) {
                issued = c;
            }
        }
        if (issued == null) {
            System.out.println("SUCCESS but no certificate for our key in the CertRep");
            return 1;
        }
        System.out.println("SUCCESS issued " + issued.getSubjectX500Principal() + " by " + issued.getIssuerX500Principal()
                + " serial " + issued.getSerialNumber().toString(16));
        Files.createDirectories(outDir);
        writePem(outDir.resolve("cert.pem"), "CERTIFICATE", issued.getEncoded());
        writePem(outDir.resolve("key.pem"), "PRIVATE KEY", keyPair.getPrivate().getEncoded());
        if (Boolean.getBoolean("jscep.retrieve")) {
            return retrieve(client, selfSigned, keyPair, issued, caCerts);
        }
        if (Boolean.getBoolean("jscep.renew")) {
            return renew(client, keyPair, issued, subject, outDir);
        }
        return 0;
    }

    /** jscep's re-keying: a PKCSReq for a new key, signed with the issued certificate, no challenge. */
    static int renew(Client client, KeyPair oldKey, X509Certificate issued, X500Name subject, Path outDir)
            throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048, new SecureRandom());
        KeyPair newKey = kpg.generateKeyPair();
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, newKey.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(newKey.getPrivate()));
        EnrollmentResponse response = client.enrol(issued, oldKey.getPrivate(), csr);
        if (!response.isSuccess()) {
            System.out.println("renewal not issued: " + (response.isFailure() ? "FAILURE " + response.getFailInfo()
                    : "PENDING"));
            return 5;
        }
        for (X509Certificate c : certificates(response.getCertStore())) {
            if (c.getPublicKey().equals(newKey.getPublic())) {
                writePem(outDir.resolve("renewed.pem"), "CERTIFICATE", c.getEncoded());
                System.out.println("RENEWED serial " + c.getSerialNumber().toString(16));
                return 0;
            }
        }
        System.out.println("renewal SUCCESS without a certificate for the new key");
        return 5;
    }

    /** jscep's GetCert and GetCRL for the certificate just issued; exit 4 if either disappoints. */
    static int retrieve(Client client, X509Certificate identity, KeyPair keyPair, X509Certificate issued,
            List<X509Certificate> caCerts) throws Exception {
        List<X509Certificate> fetched = certificates(client.getCertificate(identity, keyPair.getPrivate(),
                issued.getSerialNumber()));
        if (!fetched.contains(issued)) {
            System.out.println("GetCert did not return the issued certificate: " + fetched);
            return 4;
        }
        System.out.println("GetCert: returned the issued certificate");
        java.security.cert.X509CRL crl = client.getRevocationList(identity, keyPair.getPrivate(),
                issued.getIssuerX500Principal(), issued.getSerialNumber());
        X509Certificate ca = null;
        for (X509Certificate c : caCerts) {
            if (c.getBasicConstraints() >= 0 && c.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                ca = c;
            }
        }
        if (ca == null) {
            System.out.println("GetCRL: no CA certificate from GetCACert issued this CRL");
            return 4;
        }
        crl.verify(ca.getPublicKey());
        System.out.println("GetCRL: CRL of " + crl.getIssuerX500Principal() + " verified, "
                + (crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size()) + " entries");
        return 0;
    }

    private static List<X509Certificate> certificates(CertStore store) throws Exception {
        Collection<? extends Certificate> all = store.getCertificates(null);
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : all) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }
}
