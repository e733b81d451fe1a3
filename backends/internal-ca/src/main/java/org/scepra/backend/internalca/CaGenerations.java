package org.scepra.backend.internalca;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The internal CA's generations as loaded, oldest first, each with its issuer and revocations. Which
 * one issues depends on the time asked about: the newest whose activation time has come.
 */
final class CaGenerations {

  /** A generation ready to issue, revoke and sign its CRL. */
  record Loaded(CaGeneration generation, CertificateIssuer issuer, CaRevocations revocations) {
    X509Certificate certificate() {
      return generation.certificate();
    }
  }

  private final List<Loaded> all;
  private final String signatureAlgorithm;

  CaGenerations(List<CaGeneration> generations, InternalCaConfig config, Clock clock) {
    if (generations.isEmpty()) {
      throw new IllegalArgumentException("the internal CA needs its first generation");
    }
    List<Loaded> loaded = new ArrayList<>();
    for (CaGeneration generation : generations) {
      String algorithm = config.settings().signatureAlgorithm();
      loaded.add(
          new Loaded(
              generation,
              new CertificateIssuer(
                  generation.identity(), algorithm, config.settings().backdate(), clock),
              new CaRevocations(
                  generation.identity(),
                  algorithm,
                  generation.directory(),
                  config.crlValidity(),
                  clock)));
    }
    this.all = List.copyOf(loaded);
    this.signatureAlgorithm = config.settings().signatureAlgorithm();
  }

  /** The algorithm every generation signs with. */
  String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** Oldest first. */
  List<Loaded> all() {
    return all;
  }

  List<Integer> numbers() {
    return all.stream().map(l -> l.generation().number()).toList();
  }

  Loaded newest() {
    return all.get(all.size() - 1);
  }

  /** The generation that issues at {@code now}. */
  Loaded issuing(Instant now) {
    Loaded current = all.get(0);
    for (Loaded candidate : all) {
      if (!candidate.generation().activateAt().isAfter(now)) {
        current = candidate;
      }
    }
    return current;
  }

  /** The generation announced to take over after {@code now}, if any. */
  Optional<Loaded> next(Instant now) {
    return all.stream().filter(l -> l.generation().activateAt().isAfter(now)).findFirst();
  }

  /** Generations before the issuing one that have not expired, newest first. */
  List<Loaded> previous(Instant now) {
    int issuing = all.indexOf(issuing(now));
    List<Loaded> previous = new ArrayList<>();
    for (int i = issuing - 1; i >= 0; i--) {
      if (!all.get(i).generation().expiredAt(now)) {
        previous.add(all.get(i));
      }
    }
    return previous;
  }

  /** The newest generation with this subject. */
  Optional<Loaded> named(X500Principal subject) {
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).certificate().getSubjectX500Principal().equals(subject)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }
}
