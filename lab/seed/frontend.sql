-- The lab's invented frontend data, applied after frontend-schema.sql on the old host. psql variables: version, rows.
\set ON_ERROR_STOP on
BEGIN;
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

-- The old instance's clone status and sync history (where its version has the tables: frontend-schema.sql set the variables).
\if :lab_gitserver_repos
INSERT INTO gitserver_repos (repo_id, clone_status, shard_id, last_fetched, last_changed, repo_size_bytes)
SELECT id, 'cloned', 'gitserver-0', now() - interval '1 hour', now() - interval '1 day', 4096 * id FROM repo;
\endif
\if :lab_sync_jobs
INSERT INTO external_service_sync_jobs (external_service_id, state, queued_at, started_at, finished_at, repos_synced)
SELECT id, 'completed', now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours' + interval '40 seconds', 150 FROM external_services;
\endif
\if :lab_permission_sync_jobs
INSERT INTO permission_sync_jobs (state, reason, user_id, queued_at, started_at, finished_at)
SELECT 'completed', 'REASON_USER_OUTDATED_PERMS', id, now() - interval '3 hours', now() - interval '3 hours', now() - interval '3 hours' + interval '2 seconds'
FROM users WHERE id <= 5;
\endif

-- Sequences in use beyond the row counts, as in a long-lived instance where rows were deleted.
SELECT setval('users_id_seq', 40), setval('repo_id_seq', 512), setval('event_logs_id_seq', :rows + 1000);
COMMIT;
