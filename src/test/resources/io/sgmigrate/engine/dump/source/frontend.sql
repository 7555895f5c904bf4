-- A small Sourcegraph-like frontend database. Run as the role sg, in a database owned by sg.
-- Only data and objects here: roles, owners and grants are in roles-and-acl.sql.
SET client_min_messages = warning;

CREATE TYPE public.critical_or_site AS ENUM ('critical', 'site');

CREATE TABLE public.users (
    id serial PRIMARY KEY,
    username text NOT NULL UNIQUE,
    display_name text,
    site_admin boolean NOT NULL DEFAULT false,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE public.repo (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    private boolean NOT NULL DEFAULT false,
    created_at timestamp with time zone NOT NULL
);
COMMENT ON TABLE public.repo IS 'Repositories.
CREATE ROLE evil;
\connect x
GRANT ALL ON SCHEMA public TO evil;';

CREATE TABLE public.versions (
    service text PRIMARY KEY,
    version text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    first_version text NOT NULL,
    auto_upgrade boolean NOT NULL DEFAULT false
);

CREATE TABLE public.critical_and_site_config (
    id serial PRIMARY KEY,
    type public.critical_or_site NOT NULL,
    contents text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    author_user_id integer,
    redacted_contents text
);

-- First column text, so that real COPY data lines start with SQL-looking text.
CREATE TABLE public.notes (
    body text,
    id integer PRIMARY KEY
);

CREATE SEQUENCE public.event_seq START 100;

-- The body holds a line that starts with CREATE DATABASE; never run, it is there to be left alone.
CREATE FUNCTION public.never_creates() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
IF false THEN
CREATE DATABASE x;
END IF;
RETURN 'ok';
END
$$;

-- The body holds $$, so pg_dump quotes it with a tag; a line inside a string starts with \connect.
CREATE FUNCTION public.tagged_body() RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
v text := '
\connect x
GRANT ALL ON SCHEMA public TO evil;
$$';
BEGIN
RETURN v;
END
$fn$;

CREATE VIEW public.admins AS SELECT id, username FROM public.users WHERE site_admin;

INSERT INTO public.users (username, display_name, site_admin, created_at) VALUES
    ('admin', 'Site Admin', true, '2024-01-02 03:04:05+00'),
    ('alice', 'Alice "A" O''Neil', false, '2024-02-03 04:05:06+00'),
    ('bob', NULL, false, '2024-03-04 05:06:07+00');

INSERT INTO public.repo (name, private, created_at) VALUES
    ('github.com/sourcegraph/sourcegraph', false, '2024-01-01 00:00:00+00'),
    ('github.com/sourcegraph/src-cli', false, '2024-01-01 00:00:01+00'),
    ('gitlab.example.com/team/private', true, '2024-01-01 00:00:02+00'),
    ('github.com/example/ünïcode', false, '2024-01-01 00:00:03+00');

INSERT INTO public.versions VALUES ('frontend', '5.0.5', '2024-04-05 06:07:08+00', '5.0.0', false);

-- Site configuration: JSONC with comments; the brandName holds a tab, a newline and a backslash.
INSERT INTO public.critical_and_site_config (id, type, contents, created_at, updated_at, author_user_id) VALUES
    (1, 'site', E'{\n  // old\n  "externalURL": "https://old.example.com"\n}', '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00', 1),
    (2, 'critical', E'{}', '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00', NULL),
    (3, 'site', E'{\n  // The URL users visit.\n  "externalURL": "https://sourcegraph.example.com",\n  /* auth */\n  "auth.providers": [{"type": "builtin"}],\n  "branding": {"brandName": "tab\there\\\\new\\nline"}\n}', '2024-05-06 07:08:09+00', '2024-05-06 07:08:09+00', 1);
SELECT setval('public.critical_and_site_config_id_seq', 3);

INSERT INTO public.notes VALUES
    ('CREATE ROLE evil;', 1),
    ('CREATE DATABASE x;', 2),
    (E'\\connect x', 3),
    ('GRANT ALL ON SCHEMA public TO evil;', 4),
    (E'two lines\nCREATE ROLE evil;\n\\connect x', 5),
    ('\.', 6);

SELECT setval('public.event_seq', 142);
