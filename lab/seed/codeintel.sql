-- Sourcegraph-shaped code-intelligence database (3.21+). psql variable: version.
\set ON_ERROR_STOP on
BEGIN;
CREATE TABLE codeintel_schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO codeintel_schema_migrations VALUES (1000000015, false);
CREATE TABLE lsif_data_metadata (dump_id integer PRIMARY KEY, num_result_chunks integer);
CREATE TABLE lsif_data_documents (dump_id integer NOT NULL, path text NOT NULL, data bytea, PRIMARY KEY (dump_id, path));
CREATE TABLE lsif_data_definitions (dump_id integer NOT NULL, scheme text NOT NULL, identifier text NOT NULL, data bytea, PRIMARY KEY (dump_id, scheme, identifier));
CREATE TABLE lsif_data_references (dump_id integer NOT NULL, scheme text NOT NULL, identifier text NOT NULL, data bytea, PRIMARY KEY (dump_id, scheme, identifier));
INSERT INTO lsif_data_metadata SELECT i, 1 + i % 4 FROM generate_series(1, 20) AS i;
INSERT INTO lsif_data_documents SELECT 1 + i % 20, 'src/file' || i || '.go', sha256(i::text::bytea) FROM generate_series(1, 800) AS i;
INSERT INTO lsif_data_definitions SELECT 1 + i % 20, 'gomod', 'ident' || i, sha256(('d' || i)::bytea) FROM generate_series(1, 1500) AS i;
INSERT INTO lsif_data_references SELECT 1 + i % 20, 'gomod', 'ident' || i, sha256(('r' || i)::bytea) FROM generate_series(1, 1500) AS i;
-- Upload records and the package/reference index (sgmigrate counts rows; the columns are a subset).
CREATE TABLE lsif_uploads (
  id serial PRIMARY KEY, commit text NOT NULL, root text NOT NULL DEFAULT '', indexer text NOT NULL, repository_id integer NOT NULL,
  state text NOT NULL DEFAULT 'queued', failure_message text, uploaded_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz, finished_at timestamptz, num_parts integer NOT NULL DEFAULT 1, uploaded_parts integer[] NOT NULL DEFAULT '{}',
  upload_size bigint
);
CREATE TABLE lsif_packages (id serial PRIMARY KEY, scheme text NOT NULL, name text NOT NULL, version text, dump_id integer NOT NULL REFERENCES lsif_uploads(id));
CREATE TABLE lsif_references (id serial PRIMARY KEY, scheme text NOT NULL, name text NOT NULL, version text, filter bytea NOT NULL, dump_id integer NOT NULL REFERENCES lsif_uploads(id));
INSERT INTO lsif_uploads (commit, root, indexer, repository_id, state, started_at, finished_at, uploaded_parts, upload_size)
SELECT md5('commit' || i) || substr(md5('c' || i), 1, 8), CASE WHEN i % 3 = 0 THEN 'cmd/' ELSE '' END, 'lsif-go', 1 + i % 50,
       CASE WHEN i % 10 = 0 THEN 'errored' ELSE 'completed' END, now() - interval '2 hours', now() - interval '1 hour', '{0}', 4096 * i
FROM generate_series(1, 20) AS i;
INSERT INTO lsif_packages (scheme, name, version, dump_id)
SELECT 'gomod', 'github.example.invalid/lab/pkg' || i, 'v0.' || i || '.0', 1 + i % 20 FROM generate_series(1, 40) AS i;
INSERT INTO lsif_references (scheme, name, version, filter, dump_id)
SELECT 'gomod', 'github.example.invalid/lab/pkg' || (i % 40), 'v0.' || (i % 40) || '.0', sha256(('f' || i)::bytea), 1 + i % 20
FROM generate_series(1, 200) AS i;
SELECT setval('lsif_uploads_id_seq', 120);
COMMIT;
