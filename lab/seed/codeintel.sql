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
COMMIT;
