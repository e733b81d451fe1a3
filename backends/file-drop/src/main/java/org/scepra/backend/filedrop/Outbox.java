package org.scepra.backend.filedrop;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.scepra.spi.IssueRequest;

/**
 * Queues requests for the CA: {@code <id>.csr} (PEM), then {@code <id>.json}. The JSON is written
 * last, so its appearance tells the CA side that the request is complete.
 */
final class Outbox {

  static final String CSR = ".csr";
  static final String JSON = ".json";

  private final Path folder;

  Outbox(Path folder) {
    this.folder = folder;
  }

  /**
   * Writes both files, unless this exact request is already queued: the same transaction asked
   * again must not look like a new request to a CA that reacts to new files.
   *
   * @param validityDays the validity to ask for, informational for the CA
   */
  void queue(String id, IssueRequest request, int validityDays, Instant receivedAt)
      throws IOException {
    byte[] csr = pem(request);
    Path csrFile = folder.resolve(id + CSR);
    Path jsonFile = folder.resolve(id + JSON);
    if (Files.exists(jsonFile)
        && Files.exists(csrFile)
        && Arrays.equals(Files.readAllBytes(csrFile), csr)) {
      return;
    }
    AtomicFiles.write(folder, id + CSR, csr);
    AtomicFiles.write(
        folder, id + JSON, RequestSummary.json(id, request, validityDays, receivedAt));
  }

  Path csrFile(String id) {
    return folder.resolve(id + CSR);
  }

  Path jsonFile(String id) {
    return folder.resolve(id + JSON);
  }

  private static byte[] pem(IssueRequest request) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject("CERTIFICATE REQUEST", request.csr().getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the CSR", e);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
