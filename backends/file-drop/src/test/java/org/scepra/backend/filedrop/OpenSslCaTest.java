package org.scepra.backend.filedrop;

import org.scepra.testkit.MapConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/** OpenSSL as the offline CA: it signs what scepra puts in the outbox, as a CA operator would. */
class OpenSslCaTest {

  @TempDir Path dir;
  Path queue;
  Path caDir;
  OpenSsl openssl;
  FileDropBackend backend;

  @BeforeEach
  void setUp() throws IOException {
    queue = Files.createDirectories(dir.resolve("queue"));
    caDir = Files.createDirectories(dir.resolve("ca"));
    openssl = new OpenSsl(caDir);
    openssl.createCa("/CN=OpenSSL Offline CA/O=scepra tests");
    String prefix = "scepra.endpoint.offline.file-drop.";
    backend =
        new FileDropBackend(
            new MapConfig(
                Map.of(
                    prefix + "directory",
                    queue.toString(),
                    prefix + "ca-certificate",
                    caDir.resolve("ca.pem").toString())));
  }

  @Test
  void openSslSignsTheOutboxCsrAndTheDeviceGetsItsCertificate() throws Exception {
    IssueRequest request = QueueFixture.request("tx-openssl", "CN=openssl-device,O=Example");
    String id = QueueFixture.queued(backend, request);
    assertEquals(new IssueResult.Pending(id), backend.poll(request, id));

    Path extensions =
        Files.writeString(
            caDir.resolve("device.ext"),
            "basicConstraints=critical,CA:FALSE\n"
                + "keyUsage=critical,digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=clientAuth\n");
    openssl.sign(
        queue.resolve("outbox").resolve(id + ".csr"),
        queue.resolve("inbox").resolve(id + ".crt"),
        "-extfile",
        extensions.toString());

    IssueResult.Issued issued =
        assertInstanceOf(IssueResult.Issued.class, backend.poll(request, id));
    X509Certificate leaf = issued.certificate();
    assertEquals(TestPki.DEVICE_KEY.getPublic(), leaf.getPublicKey());
    assertEquals(
        new X500Name("CN=openssl-device,O=Example"),
        X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded()));
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
    assertEquals(backend.caChain("offline"), issued.chain());
    leaf.verify(issued.chain().get(0).getPublicKey());

    backend.settled(request, id);
    assertTrue(Files.exists(queue.resolve("archive").resolve(id + ".crt")));
    assertFalse(Files.exists(queue.resolve("inbox").resolve(id + ".crt")));
  }

  @Test
  void derWithTheChainAndAnIntermediateCa() throws Exception {
    // root -> intermediate (configured, with the root after it) -> device
    openssl.run(
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "sub.key",
        "-subj",
        "/CN=OpenSSL Issuing CA",
        "-out",
        "sub.csr");
    Files.writeString(
        caDir.resolve("sub.ext"),
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n");
    openssl.sign(caDir.resolve("sub.csr"), caDir.resolve("sub.pem"), "-extfile", "sub.ext");
    Files.writeString(
        caDir.resolve("chain.pem"),
        Files.readString(caDir.resolve("sub.pem")) + Files.readString(caDir.resolve("ca.pem")));
    String prefix = "scepra.endpoint.offline.file-drop.";
    backend =
        new FileDropBackend(
            new MapConfig(
                Map.of(
                    prefix + "directory",
                    queue.toString(),
                    prefix + "ca-certificate",
                    caDir.resolve("chain.pem").toString())));

    IssueRequest request = QueueFixture.request("tx-sub", "CN=sub-device");
    String id = QueueFixture.queued(backend, request);
    Path csr = queue.resolve("outbox").resolve(id + ".csr");
    openssl.run(
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        "sub.pem",
        "-CAkey",
        "sub.key",
        "-CAcreateserial",
        "-days",
        "30",
        "-outform",
        "DER",
        "-out",
        queue.resolve("inbox").resolve(id + ".crt").toString());

    IssueResult.Issued issued =
        assertInstanceOf(IssueResult.Issued.class, backend.poll(request, id));
    assertEquals(TestPki.DEVICE_KEY.getPublic(), issued.certificate().getPublicKey());
    assertEquals(2, issued.chain().size());
    assertEquals(
        "CN=OpenSSL Issuing CA", issued.chain().get(0).getSubjectX500Principal().getName());
  }

  @Test
  void aCertificateOpenSslMadeForAnotherKeyIsQuarantined() throws Exception {
    IssueRequest request = QueueFixture.request("tx-other", "CN=victim-device");
    String id = QueueFixture.queued(backend, request);
    Path answer = queue.resolve("inbox").resolve(id + ".crt");
    openssl.sign(openssl.otherCsr("/CN=victim-device"), answer);
    Files.setLastModifiedTime(answer, FileTime.from(Instant.now().minusSeconds(60)));

    assertEquals(
        new IssueResult.Rejected(IssueResult.Reason.BAD_REQUEST, FileDropQueue.MISMATCH),
        backend.poll(request, id));
    assertTrue(Files.exists(queue.resolve("quarantine").resolve(id + ".crt")));
    assertFalse(Files.exists(answer));
  }
}
