-- FOTA Desk team record, schema 1. Every row belongs to one tenant (customer_id). Rows are only
-- ever inserted with their natural key and ON CONFLICT DO NOTHING, so a replayed outbox adds nothing.
-- Never a client secret, token or password here: the workstations send named fields only.

CREATE TABLE workstations (
  workstation_id text PRIMARY KEY,
  host text NOT NULL,
  os_user text NOT NULL,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_sync timestamptz
);

-- One row per send (a journal's start record).
CREATE TABLE sends (
  customer_id text NOT NULL,
  send_id text NOT NULL,
  batch_id text NOT NULL,
  batch_name text NOT NULL,
  profile text NOT NULL,
  workstation_id text NOT NULL REFERENCES workstations,
  os_user text NOT NULL,
  host text NOT NULL,
  started_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, send_id)
);

-- Every journal record, keyed by send and record number (its line in the journal file).
CREATE TABLE journal_records (
  customer_id text NOT NULL,
  send_id text NOT NULL,
  seq integer NOT NULL,
  kind text NOT NULL,
  call_id text,
  at timestamptz NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (customer_id, send_id, seq)
);
CREATE INDEX journal_records_call ON journal_records (customer_id, send_id, call_id, seq) WHERE call_id IS NOT NULL;

-- Which serials each planned call of a send carries (from start and replan records): the look-up by serial.
CREATE TABLE push_devices (
  customer_id text NOT NULL,
  serial text NOT NULL,
  send_id text NOT NULL,
  call_id text NOT NULL,
  PRIMARY KEY (customer_id, serial, send_id, call_id)
);
-- The look-up may span every tenant of the database (a helpdesk serving several customer IDs).
CREATE INDEX push_devices_serial ON push_devices (serial);

-- Every stored state of a batch's history (one row per revision, as the workstation wrote it).
CREATE TABLE history_states (
  customer_id text NOT NULL,
  workstation_id text NOT NULL REFERENCES workstations,
  batch_id text NOT NULL,
  revision integer NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (customer_id, workstation_id, batch_id, revision)
);

-- Per-device states of tracked force updates, one row per history revision that holds them.
CREATE TABLE device_states (
  customer_id text NOT NULL,
  serial text NOT NULL,
  workstation_id text NOT NULL,
  batch_id text NOT NULL,
  revision integer NOT NULL,
  force_update_id text NOT NULL,
  state text NOT NULL,
  since timestamptz NOT NULL,
  PRIMARY KEY (customer_id, serial, workstation_id, batch_id, force_update_id, revision)
);

-- The audit log: one row per entry, keyed by the SHA-256 of the entry as written locally.
CREATE TABLE audit_entries (
  customer_id text NOT NULL,
  workstation_id text NOT NULL REFERENCES workstations,
  entry_key text NOT NULL,
  at timestamptz NOT NULL,
  event text NOT NULL,
  send_id text NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (customer_id, workstation_id, entry_key)
);
CREATE INDEX audit_entries_at ON audit_entries (customer_id, at);
