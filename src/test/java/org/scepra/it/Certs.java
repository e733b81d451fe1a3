package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Certificate and key assertions shared by the enrollment ITs. */
public final class Certs {

    private Certs() {
    }

    public static X509Certificate readCertificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot read certificate " + file + ": " + e, e);
        }
    }

    /** A PEM private key (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY"). */
    public static PrivateKey readPrivateKey(Path file) {
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            if (o instanceof PrivateKeyInfo pki) {
                return conv.getPrivateKey(pki);
            }
            throw new AssertionError(file + " holds " + (o == null ? "nothing" : o.getClass().getName())
                    + ", not an unencrypted private key");
        } catch (IOException e) {
            throw new AssertionError("cannot read private key " + file + ": " + e, e);
        }
    }

    /** The value of the (single) CN of a certificate's subject. */
    public static String commonName(X509Certificate cert) {
        try {
            LdapName name = new LdapName(cert.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (InvalidNameException e) {
            throw new AssertionError(e);
        }
    }

    public static boolean isSelfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Asserts that {@code cert} chains to the last (self-signed) certificate of {@code caChain}: its direct issuer
     * is found in the chain by name, the signature verifies with that issuer's key, and PKIX path building to the
     * self-signed CA succeeds (the other chain certificates serve as intermediates).
     */
    public static void assertChainsTo(X509Certificate cert, List<X509Certificate> caChain) {
        X509Certificate root = caChain.get(caChain.size() - 1);
        X509Certificate issuer = caChain.stream()
                .filter(c -> c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && c.getBasicConstraints() >= 0)
                .findFirst()
                .orElseThrow(() -> new AssertionError("issuer " + cert.getIssuerX500Principal()
                        + " of " + cert.getSubjectX500Principal() + " is not among the CA certificates"));
        try {
            cert.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            fail("signature of " + cert.getSubjectX500Principal() + " does not verify with the key of "
                    + issuer.getSubjectX500Principal() + ": " + e);
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(cert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(root, null)), target);
            params.setRevocationEnabled(false);
            params.addCertStore(CertStore.getInstance("Collection",
                    new CollectionCertStoreParameters(caChain.subList(0, caChain.size() - 1))));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            assertEquals(root, result.getTrustAnchor().getTrustedCert());
        } catch (GeneralSecurityException e) {
            fail("no valid PKIX path from " + cert.getSubjectX500Principal() + " to " + root.getSubjectX500Principal() + ": " + e);
        }
    }

    /** Asserts that the certificate's public key is the public half of {@code key} (RSA). */
    public static void assertKeyMatches(X509Certificate cert, PrivateKey key) {
        PublicKey pub = cert.getPublicKey();
        assertTrue(pub instanceof RSAPublicKey, () -> "expected an RSA public key, got " + pub.getAlgorithm());
        assertTrue(key instanceof RSAPrivateCrtKey, () -> "expected an RSA CRT private key, got " + key.getClass().getName());
        RSAPublicKey rsaPub = (RSAPublicKey) pub;
        RSAPrivateCrtKey rsaKey = (RSAPrivateCrtKey) key;
        assertEquals(rsaKey.getModulus(), rsaPub.getModulus(), "certificate modulus differs from the client's key");
        assertEquals(rsaKey.getPublicExponent(), rsaPub.getPublicExponent(), "certificate exponent differs from the client's key");
        assertEquals(2048, rsaPub.getModulus().bitLength(), "key size");
        assertTrue(rsaPub.getModulus().compareTo(BigInteger.ONE) > 0);
    }

    /** Everything an enrollment test checks about an issued certificate. */
    public static void assertIssued(X509Certificate issued, PrivateKey clientKey, String expectedCn, List<X509Certificate> getCaCert) {
        assertEquals(expectedCn, commonName(issued), () -> "CN of " + issued.getSubjectX500Principal());
        assertKeyMatches(issued, clientKey);
        assertTrue(issued.getBasicConstraints() < 0, "an enrolled end-entity certificate must not be a CA");
        assertTrue(getCaCert.size() >= 3, () -> "GetCACert gave " + getCaCert.size() + " certificates, expected RA enc, RA sign, CA...");
        List<X509Certificate> chain = getCaCert.subList(2, getCaCert.size());
        assertChainsTo(issued, chain);
        try {
            issued.checkValidity();
        } catch (GeneralSecurityException e) {
            fail("issued certificate not valid now: " + e);
        }
    }
}
