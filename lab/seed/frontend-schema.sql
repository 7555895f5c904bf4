-- The lab's frontend schema, as Sourcegraph's frontend (before 3.37) or migrator (3.37+) creates it on a fresh
-- install: tables and bookkeeping rows only, no data that matters. Safe to apply again (the migrator runs on every up).
-- psql variables: version, migration_logs (true from 3.37). Table and column names follow Sourcegraph's where sgmigrate reads them.
\set ON_ERROR_STOP on
BEGIN;
CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO schema_migrations VALUES (1528395650, false) ON CONFLICT DO NOTHING;
\if :migration_logs
-- 3.37 and later record migrations here as well.
CREATE TABLE IF NOT EXISTS migration_logs (
  id serial PRIMARY KEY, migration_logs_schema_version integer NOT NULL, schema text NOT NULL, version integer NOT NULL,
  up boolean NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz, success boolean, error_message text
);
INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success)
SELECT 1, 'frontend', 1528395900 + i, true, now() - interval '1 day', now() - interval '1 day', true FROM generate_series(1, 5) AS i
WHERE NOT EXISTS (SELECT 1 FROM migration_logs);
\endif

CREATE TABLE IF NOT EXISTS versions (
  service text PRIMARY KEY, version text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), first_version text NOT NULL
);
INSERT INTO versions (service, version, first_version) VALUES ('frontend', :'version', :'version') ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS users (
  id serial PRIMARY KEY, username text NOT NULL UNIQUE, display_name text, avatar_url text,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz, site_admin boolean NOT NULL DEFAULT false, passwd text, tags text[]
);
CREATE TABLE IF NOT EXISTS user_emails (
  user_id integer NOT NULL REFERENCES users(id), email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
  verification_code text, verified_at timestamptz, is_primary boolean NOT NULL DEFAULT false, PRIMARY KEY (user_id, email)
);
CREATE TABLE IF NOT EXISTS user_external_accounts (
  id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users(id), service_type text NOT NULL, service_id text NOT NULL,
  account_id text NOT NULL, client_id text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz
);
CREATE TABLE IF NOT EXISTS orgs (id serial PRIMARY KEY, name text NOT NULL UNIQUE, display_name text, created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE TABLE IF NOT EXISTS org_members (id serial PRIMARY KEY, org_id integer NOT NULL REFERENCES orgs(id), user_id integer NOT NULL REFERENCES users(id), created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS repo (
  id serial PRIMARY KEY, name text NOT NULL UNIQUE, description text, fork boolean, created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz, external_id text, external_service_type text, external_service_id text, deleted_at timestamptz,
  uri text, private boolean NOT NULL DEFAULT false, archived boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS external_services (
  id bigserial PRIMARY KEY, kind text NOT NULL, display_name text NOT NULL, config text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz,
  last_sync_at timestamptz, next_sync_at timestamptz, encryption_key_id text NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS settings (
  id serial PRIMARY KEY, org_id integer REFERENCES orgs(id), contents text, created_at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users(id), author_user_id integer REFERENCES users(id)
);
DO $$ BEGIN CREATE TYPE critical_or_site AS ENUM ('critical', 'site'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE IF NOT EXISTS critical_and_site_config (
  id serial PRIMARY KEY, type critical_or_site NOT NULL, contents text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS saved_searches (
  id serial PRIMARY KEY, description text NOT NULL, query text NOT NULL, created_at timestamptz DEFAULT now(),
  notify_owner boolean NOT NULL DEFAULT false, notify_slack boolean NOT NULL DEFAULT false,
  user_id integer REFERENCES users(id), org_id integer REFERENCES orgs(id)
);
CREATE TABLE IF NOT EXISTS access_tokens (
  id bigserial PRIMARY KEY, subject_user_id integer NOT NULL REFERENCES users(id), value_sha256 bytea NOT NULL UNIQUE,
  note text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), last_used_at timestamptz, deleted_at timestamptz,
  creator_user_id integer NOT NULL REFERENCES users(id), scopes text[] NOT NULL
);
CREATE TABLE IF NOT EXISTS survey_responses (id bigserial PRIMARY KEY, user_id integer REFERENCES users(id), email text, score integer NOT NULL, reason text, better text, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS event_logs (
  id bigserial PRIMARY KEY, name text NOT NULL, url text NOT NULL, user_id integer NOT NULL, anonymous_user_id text NOT NULL,
  source text NOT NULL, argument jsonb, version text NOT NULL, timestamp timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS event_logs_timestamp ON event_logs (timestamp);

-- What the guided checklist reads, from the release the lab takes to have added each (older labs lack them, as
-- old instances do): external_service_sync_jobs 3.20, gitserver_repos 3.25, permission_sync_jobs 4.5.
SELECT string_to_array(:'version', '.')::int[] >= '{3,20}' AS lab_sync_jobs,
       string_to_array(:'version', '.')::int[] >= '{3,25}' AS lab_gitserver_repos,
       string_to_array(:'version', '.')::int[] >= '{4,5}' AS lab_permission_sync_jobs \gset
\if :lab_sync_jobs
CREATE TABLE IF NOT EXISTS external_service_sync_jobs (
  id serial PRIMARY KEY, state text NOT NULL DEFAULT 'queued', failure_message text, started_at timestamptz, finished_at timestamptz,
  process_after timestamptz, num_resets integer NOT NULL DEFAULT 0, external_service_id bigint REFERENCES external_services(id),
  num_failures integer NOT NULL DEFAULT 0, worker_hostname text NOT NULL DEFAULT '', last_heartbeat_at timestamptz,
  queued_at timestamptz DEFAULT now(), cancel boolean NOT NULL DEFAULT false, repos_synced integer NOT NULL DEFAULT 0,
  repo_sync_errors integer NOT NULL DEFAULT 0, repos_added integer NOT NULL DEFAULT 0
);
\endif
\if :lab_gitserver_repos
CREATE TABLE IF NOT EXISTS gitserver_repos (
  repo_id integer PRIMARY KEY REFERENCES repo(id) ON DELETE CASCADE, clone_status text NOT NULL DEFAULT 'not_cloned',
  shard_id text NOT NULL, last_error text, updated_at timestamptz NOT NULL DEFAULT now(), last_fetched timestamptz NOT NULL DEFAULT now(),
  last_changed timestamptz NOT NULL DEFAULT now(), repo_size_bytes bigint
);
\endif
\if :lab_permission_sync_jobs
CREATE TABLE IF NOT EXISTS permission_sync_jobs (
  id serial PRIMARY KEY, state text DEFAULT 'queued', reason text, failure_message text, queued_at timestamptz DEFAULT now(),
  started_at timestamptz, finished_at timestamptz, process_after timestamptz, num_resets integer NOT NULL DEFAULT 0,
  num_failures integer NOT NULL DEFAULT 0, last_heartbeat_at timestamptz, worker_hostname text NOT NULL DEFAULT '',
  cancel boolean NOT NULL DEFAULT false, repository_id integer, user_id integer, triggered_by_user_id integer,
  priority integer NOT NULL DEFAULT 0, invalidate_caches boolean NOT NULL DEFAULT false, no_perms boolean NOT NULL DEFAULT false
);
\endif
COMMIT;
