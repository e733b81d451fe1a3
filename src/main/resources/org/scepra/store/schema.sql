-- scepra's tables, for the embedded H2 and for PostgreSQL. Run by DatabaseSchema at the first use of the database
-- (not at deployment, so that scepra deploys while its database is away). Every statement may run again: a table
-- or sequence that exists is left as it is, with its rows. The names and types are those that earlier versions'
-- Hibernate "update" (WildFly) and EclipseLink "create-or-extend-tables" (Payara) created, so their databases
-- are taken over unchanged. A later column is added here with ALTER TABLE ... ADD COLUMN IF NOT EXISTS.

-- A sequence value is the last id of a block of 50 (both providers read it so): the first block is 1..50, and
-- EclipseLink refuses a first value below the block size.
CREATE SEQUENCE IF NOT EXISTS scepra_transaction_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE IF NOT EXISTS scepra_certificate_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE IF NOT EXISTS scepra_challenge_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE IF NOT EXISTS scepra_transaction (
  id BIGINT NOT NULL,
  alias VARCHAR(32) NOT NULL,
  transaction_id VARCHAR(200) NOT NULL,
  csr VARCHAR(16000) NOT NULL,
  csr_sha256 VARCHAR(64) NOT NULL,
  requester_key_sha256 VARCHAR(64),
  subject VARCHAR(1024),
  profile VARCHAR(64),
  status VARCHAR(24) NOT NULL,
  backend_reference VARCHAR(256),
  fail_info VARCHAR(24),
  fail_text VARCHAR(512),
  issuer_dn VARCHAR(1024),
  serial_hex VARCHAR(64),
  received_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  decided_by VARCHAR(128),
  PRIMARY KEY (id),
  CONSTRAINT uk_transaction UNIQUE (alias, transaction_id)
);
CREATE INDEX IF NOT EXISTS ix_transaction_status ON scepra_transaction (status, received_at);

CREATE TABLE IF NOT EXISTS scepra_certificate (
  id BIGINT NOT NULL,
  alias VARCHAR(32),
  transaction_id VARCHAR(128),
  issuer_dn VARCHAR(1024) NOT NULL,
  issuer_sha256 VARCHAR(64) NOT NULL,
  serial_hex VARCHAR(64) NOT NULL,
  subject VARCHAR(1024),
  not_before BIGINT NOT NULL,
  not_after BIGINT NOT NULL,
  revoked BOOLEAN NOT NULL,
  revoked_at BIGINT,
  revocation_reason INTEGER,
  der VARCHAR(16000) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_certificate UNIQUE (issuer_sha256, serial_hex)
);
CREATE INDEX IF NOT EXISTS ix_certificate_serial ON scepra_certificate (serial_hex);

CREATE TABLE IF NOT EXISTS scepra_challenge (
  id BIGINT NOT NULL,
  challenge_sha256 VARCHAR(64) NOT NULL,
  alias VARCHAR(32) NOT NULL,
  issued_by VARCHAR(128) NOT NULL,
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  used_by_transaction VARCHAR(128),
  expected_subject VARCHAR(1024),
  expected_san VARCHAR(512),
  PRIMARY KEY (id),
  CONSTRAINT uk_challenge_hash UNIQUE (challenge_sha256)
);
CREATE INDEX IF NOT EXISTS ix_challenge_issuer ON scepra_challenge (issued_by, used_at, expires_at);

-- Failed-challenge counters of the lock-out, per key (the SHA-256 of "alias|addr|<address>" or
-- "alias|subject|<subject>"), shared by every node.
CREATE TABLE IF NOT EXISTS scepra_lockout (
  key_sha256 VARCHAR(64) NOT NULL,
  window_start BIGINT NOT NULL,
  failures INTEGER NOT NULL,
  locked_until BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (key_sha256)
);
CREATE INDEX IF NOT EXISTS ix_lockout_updated ON scepra_lockout (updated_at);

-- The operators' console (issue 19): where a request came from, the latest transactions, and certificates found by
-- subject prefix or endpoint. (On PostgreSQL a LIKE prefix search uses ix_certificate_subject only in a database
-- with the C collation; otherwise it reads the table, which the console caps at 100 rows.)
ALTER TABLE scepra_transaction ADD COLUMN IF NOT EXISTS client_address VARCHAR(64);
CREATE INDEX IF NOT EXISTS ix_transaction_received ON scepra_transaction (received_at);
CREATE INDEX IF NOT EXISTS ix_certificate_subject ON scepra_certificate (subject);
CREATE INDEX IF NOT EXISTS ix_certificate_alias ON scepra_certificate (alias, not_before);

-- Which node runs a periodic job (Intune's revocation queue of an endpoint), and until when.
CREATE TABLE IF NOT EXISTS scepra_lease (
  name VARCHAR(128) NOT NULL,
  holder VARCHAR(128) NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (name)
);
