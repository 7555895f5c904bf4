-- The lab's code-insights schema, as a fresh install creates it in codeinsights-db (or, with
-- AllowSingleDockerCodeInsights, in the single container's sourcegraph-codeinsights): tables and bookkeeping only.
\set ON_ERROR_STOP on
BEGIN;
CREATE TABLE IF NOT EXISTS codeinsights_schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO codeinsights_schema_migrations VALUES (1000000027, false) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS insight_series (
  id serial PRIMARY KEY, series_id text NOT NULL UNIQUE, query text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz, next_recording_after timestamptz
);
CREATE TABLE IF NOT EXISTS series_points (
  series_id text NOT NULL, time timestamptz NOT NULL, value double precision NOT NULL, repo_id integer, repo_name_id integer
);
COMMIT;
