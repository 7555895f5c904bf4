-- Sourcegraph-shaped frontend database for the lab. psql variables: version, rows, migration_logs (true from 3.37).
-- Table and column names follow Sourcegraph's schema where sgmigrate reads them; the data is invented.
\set ON_ERROR_STOP on
BEGIN;

CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO schema_migrations VALUES (1528395650, false);
\if :migration_logs
-- 3.37 and later record migrations here as well.
CREATE TABLE migration_logs (
  id serial PRIMARY KEY, migration_logs_schema_version integer NOT NULL, schema text NOT NULL, version integer NOT NULL,
  up boolean NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz, success boolean, error_message text
);
INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success)
SELECT 1, 'frontend', 1528395900 + i, true, now() - interval '1 day', now() - interval '1 day', true FROM generate_series(1, 5) AS i;
\endif

CREATE TABLE versions (
  service text PRIMARY KEY, version text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), first_version text NOT NULL
);
INSERT INTO versions (service, version, first_version) VALUES ('frontend', :'version', :'version');

CREATE TABLE users (
  id serial PRIMARY KEY, username text NOT NULL UNIQUE, display_name text, avatar_url text,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz, site_admin boolean NOT NULL DEFAULT false, passwd text, tags text[]
);
CREATE TABLE user_emails (
  user_id integer NOT NULL REFERENCES users(id), email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
  verification_code text, verified_at timestamptz, is_primary boolean NOT NULL DEFAULT false, PRIMARY KEY (user_id, email)
);
CREATE TABLE user_external_accounts (
  id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users(id), service_type text NOT NULL, service_id text NOT NULL,
  account_id text NOT NULL, client_id text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz
);
CREATE TABLE orgs (id serial PRIMARY KEY, name text NOT NULL UNIQUE, display_name text, created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE TABLE org_members (id serial PRIMARY KEY, org_id integer NOT NULL REFERENCES orgs(id), user_id integer NOT NULL REFERENCES users(id), created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE repo (
  id serial PRIMARY KEY, name text NOT NULL UNIQUE, description text, fork boolean, created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz, external_id text, external_service_type text, external_service_id text, deleted_at timestamptz,
  uri text, private boolean NOT NULL DEFAULT false, archived boolean NOT NULL DEFAULT false
);
CREATE TABLE external_services (
  id bigserial PRIMARY KEY, kind text NOT NULL, display_name text NOT NULL, config text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz,
  last_sync_at timestamptz, next_sync_at timestamptz, encryption_key_id text NOT NULL DEFAULT ''
);
CREATE TABLE settings (
  id serial PRIMARY KEY, org_id integer REFERENCES orgs(id), contents text, created_at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users(id), author_user_id integer REFERENCES users(id)
);
CREATE TYPE critical_or_site AS ENUM ('critical', 'site');
CREATE TABLE critical_and_site_config (
  id serial PRIMARY KEY, type critical_or_site NOT NULL, contents text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE saved_searches (
  id serial PRIMARY KEY, description text NOT NULL, query text NOT NULL, created_at timestamptz DEFAULT now(),
  notify_owner boolean NOT NULL DEFAULT false, notify_slack boolean NOT NULL DEFAULT false,
  user_id integer REFERENCES users(id), org_id integer REFERENCES orgs(id)
);
CREATE TABLE access_tokens (
  id bigserial PRIMARY KEY, subject_user_id integer NOT NULL REFERENCES users(id), value_sha256 bytea NOT NULL UNIQUE,
  note text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), last_used_at timestamptz, deleted_at timestamptz,
  creator_user_id integer NOT NULL REFERENCES users(id), scopes text[] NOT NULL
);
CREATE TABLE survey_responses (id bigserial PRIMARY KEY, user_id integer REFERENCES users(id), email text, score integer NOT NULL, reason text, better text, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE event_logs (
  id bigserial PRIMARY KEY, name text NOT NULL, url text NOT NULL, user_id integer NOT NULL, anonymous_user_id text NOT NULL,
  source text NOT NULL, argument jsonb, version text NOT NULL, timestamp timestamptz NOT NULL
);
CREATE INDEX event_logs_timestamp ON event_logs (timestamp);

INSERT INTO users (username, display_name, site_admin, passwd, created_at)
SELECT CASE WHEN i = 1 THEN 'admin' ELSE 'user' || i END, 'User ' || i, i = 1,
       '$2a$10$' || md5(i::text), now() - (i || ' days')::interval
FROM generate_series(1, 25) AS i;
UPDATE users SET deleted_at = now() WHERE id = 25;
INSERT INTO user_emails (user_id, email, verified_at, is_primary)
SELECT id, username || '@example.invalid', now(), true FROM users;
INSERT INTO user_external_accounts (user_id, service_type, service_id, account_id, client_id)
SELECT id, 'github', 'https://github.example.invalid/', (1000 + id)::text, 'client-1' FROM users WHERE id <= 10;
INSERT INTO orgs (name, display_name) VALUES ('engineering', 'Engineering'), ('support', 'Support');
INSERT INTO org_members (org_id, user_id) SELECT 1 + (id % 2), id FROM users WHERE id <= 20;

INSERT INTO external_services (kind, display_name, config) VALUES
 ('GITHUB', 'GitHub (lab)', '{"url": "https://github.example.invalid", "token": "ghp_labTOKENnotReal000000000000000000000", "repositoryQuery": ["affiliated"]}'),
 ('GITLAB', 'GitLab (lab)', '{
  // GitLab of the lab (the token is fake)
  "url": "https://gitlab.example.invalid",
  "token": "glpat-labTOKENnotReal000",
  "projectQuery": ["projects?membership=true"],
}');
INSERT INTO repo (name, description, fork, external_id, external_service_type, external_service_id, uri, private)
SELECT 'github.example.invalid/lab/repo-' || i, 'Repository ' || i, i % 7 = 0, 'MDEw' || i, 'github',
       'https://github.example.invalid/', 'github.example.invalid/lab/repo-' || i, i % 3 = 0
FROM generate_series(1, 300) AS i;

INSERT INTO settings (contents) VALUES ('{
  // global settings
  "search.savedQueries": [],
  "motd": ["Welcome to the lab"],
}');
INSERT INTO settings (user_id, author_user_id, contents) SELECT id, id, '{"search.defaultPatternType": "literal"}' FROM users WHERE id <= 5;
INSERT INTO critical_and_site_config (type, contents) VALUES ('site', '{
  // Site configuration of the lab instance.
  "externalURL": "https://sourcegraph.lab.example.invalid",
  "auth.providers": [
    { "type": "builtin", "allowSignup": false },
  ],
  "disablePublicRepoRedirects": true,
}');
INSERT INTO critical_and_site_config (type, contents) VALUES ('critical', '{}');
INSERT INTO saved_searches (description, query, user_id) SELECT 'Search ' || i, 'repo:lab TODO count:' || i, 1 + i % 5 FROM generate_series(1, 12) AS i;
INSERT INTO access_tokens (subject_user_id, value_sha256, note, creator_user_id, scopes)
SELECT id, sha256(('token-' || id)::bytea), 'lab token', id, ARRAY['user:all'] FROM users WHERE id <= 8;
INSERT INTO survey_responses (user_id, score, reason) SELECT id, id % 11, 'reason ' || id FROM users WHERE id <= 15;
INSERT INTO event_logs (name, url, user_id, anonymous_user_id, source, argument, version, timestamp)
SELECT (ARRAY['ViewRepository', 'SearchResultsQueried', 'ViewBlob', 'SignIn'])[1 + i % 4], 'https://sourcegraph.lab.example.invalid/r/' || (i % 300),
       1 + i % 24, 'anon-' || (i % 97), 'WEB', jsonb_build_object('n', i), :'version', now() - (i || ' minutes')::interval
FROM generate_series(1, :rows) AS i;

-- Sequences in use beyond the row counts, as in a long-lived instance where rows were deleted.
SELECT setval('users_id_seq', 40), setval('repo_id_seq', 512), setval('event_logs_id_seq', :rows + 1000);
COMMIT;
