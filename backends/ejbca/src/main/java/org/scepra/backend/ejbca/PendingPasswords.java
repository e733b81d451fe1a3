package org.scepra.backend.ejbca;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one-time passwords of enrolments waiting for approval. When EJBCA executes an approved
 * editUser it creates the end entity exactly as requested, password included, so the
 * pkcs10Request after approval needs that same password. Kept in memory only (never written or
 * logged) and bounded; after a restart the poller falls back to setting a new password.
 */
final class PendingPasswords {

  static final int MAX_ENTRIES = 10_000;

  private final Map<String, String> passwords =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  synchronized void remember(String alias, ApprovalReference reference, String password) {
    passwords.put(key(alias, reference), password);
  }

  synchronized Optional<String> password(String alias, ApprovalReference reference) {
    return Optional.ofNullable(passwords.get(key(alias, reference)));
  }

  synchronized void forget(String alias, ApprovalReference reference) {
    passwords.remove(key(alias, reference));
  }

  private static String key(String alias, ApprovalReference reference) {
    return alias + '\n' + reference;
  }
}
