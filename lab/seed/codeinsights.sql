-- The lab's invented code-insights data, applied after codeinsights-schema.sql on the old host (lab/up --codeinsights).
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO insight_series (series_id, query, next_recording_after)
SELECT 'series-' || i, 'TODO count:all lang:go ' || i, now() + interval '1 day' FROM generate_series(1, 6) AS i;
INSERT INTO series_points (series_id, time, value, repo_id)
SELECT 'series-' || (1 + i % 6), now() - (i || ' hours')::interval, i % 50, 1 + i % 300 FROM generate_series(1, 900) AS i;
SELECT setval('insight_series_id_seq', 30);
COMMIT;
