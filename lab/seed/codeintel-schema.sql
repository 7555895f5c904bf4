-- The lab's code-intelligence schema (3.21+), as a fresh install creates it: tables and bookkeeping only. Safe to apply again.
\set ON_ERROR_STOP on
BEGIN;
CREATE TABLE IF NOT EXISTS codeintel_schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO codeintel_schema_migrations VALUES (1000000015, false) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS lsif_data_metadata (dump_id integer PRIMARY KEY, num_result_chunks integer);
CREATE TABLE IF NOT EXISTS lsif_data_documents (dump_id integer NOT NULL, path text NOT NULL, data bytea, PRIMARY KEY (dump_id, path));
CREATE TABLE IF NOT EXISTS lsif_data_definitions (dump_id integer NOT NULL, scheme text NOT NULL, identifier text NOT NULL, data bytea, PRIMARY KEY (dump_id, scheme, identifier));
CREATE TABLE IF NOT EXISTS lsif_data_references (dump_id integer NOT NULL, scheme text NOT NULL, identifier text NOT NULL, data bytea, PRIMARY KEY (dump_id, scheme, identifier));
-- Upload records and the package/reference index (sgmigrate counts rows; the columns are a subset).
CREATE TABLE IF NOT EXISTS lsif_uploads (
  id serial PRIMARY KEY, commit text NOT NULL, root text NOT NULL DEFAULT '', indexer text NOT NULL, repository_id integer NOT NULL,
  state text NOT NULL DEFAULT 'queued', failure_message text, uploaded_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz, finished_at timestamptz, num_parts integer NOT NULL DEFAULT 1, uploaded_parts integer[] NOT NULL DEFAULT '{}',
  upload_size bigint
);
CREATE TABLE IF NOT EXISTS lsif_packages (id serial PRIMARY KEY, scheme text NOT NULL, name text NOT NULL, version text, dump_id integer NOT NULL REFERENCES lsif_uploads(id));
CREATE TABLE IF NOT EXISTS lsif_references (id serial PRIMARY KEY, scheme text NOT NULL, name text NOT NULL, version text, filter bytea NOT NULL, dump_id integer NOT NULL REFERENCES lsif_uploads(id));
COMMIT;
