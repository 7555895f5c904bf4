-- The lab's invented code-intelligence data, applied after codeintel-schema.sql on the old host (3.21+).
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO lsif_data_metadata SELECT i, 1 + i % 4 FROM generate_series(1, 20) AS i;
INSERT INTO lsif_data_documents SELECT 1 + i % 20, 'src/file' || i || '.go', sha256(i::text::bytea) FROM generate_series(1, 800) AS i;
INSERT INTO lsif_data_definitions SELECT 1 + i % 20, 'gomod', 'ident' || i, sha256(('d' || i)::bytea) FROM generate_series(1, 1500) AS i;
INSERT INTO lsif_data_references SELECT 1 + i % 20, 'gomod', 'ident' || i, sha256(('r' || i)::bytea) FROM generate_series(1, 1500) AS i;
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
