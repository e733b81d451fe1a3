package org.scepra.bench;

import java.net.URI;

/**
 * A SCEP server under test: a name for the report, its SCEP URL and the process whose CPU time is
 * charged to it.
 */
record Target(String name, URI url, long pid) {

  /** {@code name=url=pid}, e.g. {@code scepra=http://127.0.0.1:8880/scep=1234}. */
  static Target parse(String spec) {
    int first = spec.indexOf('=');
    int last = spec.lastIndexOf('=');
    if (first < 0 || first == last) {
      throw new IllegalArgumentException("a target is name=url=pid, not " + spec);
    }
    URI url = URI.create(spec.substring(first + 1, last));
    if (!"127.0.0.1".equals(url.getHost())) {
      throw new IllegalArgumentException("targets must be on 127.0.0.1: " + url);
    }
    return new Target(spec.substring(0, first), url, Long.parseLong(spec.substring(last + 1)));
  }

  String path(String query) {
    return url.getRawPath() + "?" + query;
  }
}
