package org.scepra.backend.filedrop;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code openssl} command playing the offline CA, each call its own process with a
 * timeout.
 */
final class OpenSsl {

  static final String BINARY = "/usr/bin/openssl";
  private static final long TIMEOUT_SECONDS = 60;

  private final Path workDir;

  OpenSsl(Path workDir) {
    this.workDir = workDir;
  }

  /**
   * A self-signed CA: {@code ca.key} and {@code ca.pem} in the working directory (CA:TRUE,
   * critical).
   */
  void createCa(String subject) {
    run(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "30",
        "-subj",
        subject,
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
  }

  /** {@code openssl x509 -req}: signs a CSR with the CA; extra arguments go at the end. */
  void sign(Path csr, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                workDir.resolve("ca.pem").toString(),
                "-CAkey",
                workDir.resolve("ca.key").toString(),
                "-CAcreateserial",
                "-days",
                "30",
                "-out",
                out.toString()));
    args.addAll(List.of(extra));
    run(args.toArray(String[]::new));
  }

  /** A key and CSR of the CA side's own making, for answers that do not match a request. */
  Path otherCsr(String subject) {
    run(
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "other.key",
        "-subj",
        subject,
        "-out",
        "other.csr");
    return workDir.resolve("other.csr");
  }

  String run(String... args) {
    List<String> command = new ArrayList<>(List.of(BINARY));
    command.addAll(List.of(args));
    Path log = workDir.resolve("openssl-" + System.nanoTime() + ".log");
    try {
      // Output goes to a file, so a hung process cannot block us past the timeout.
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " timed out");
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
