--
-- PostgreSQL database cluster dump
--

\restrict DFh8ufJGzjMwM4Cm5M1vYu1dlFMmD097mC5Luw7cTajq8aJbZsRvAPbFmfIRW5e

SET default_transaction_read_only = off;

SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

--
-- Roles
--

CREATE ROLE postgres;
ALTER ROLE postgres WITH SUPERUSER INHERIT CREATEROLE CREATEDB LOGIN REPLICATION BYPASSRLS;
CREATE ROLE reader;
ALTER ROLE reader WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB NOLOGIN NOREPLICATION NOBYPASSRLS;
CREATE ROLE sg;
ALTER ROLE sg WITH SUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS;

--
-- User Configurations
--


--
-- Role memberships
--

GRANT reader TO sg GRANTED BY postgres;






\unrestrict DFh8ufJGzjMwM4Cm5M1vYu1dlFMmD097mC5Luw7cTajq8aJbZsRvAPbFmfIRW5e

--
-- Databases
--

--
-- Database "template1" dump
--

\connect template1

--
-- PostgreSQL database dump
--

\restrict tcxEJzOLAerd1lS05SMdxwDLyhneaG1PsPDAbapAlAhsRBzaujGWsda6aOMybdS

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- PostgreSQL database dump complete
--

\unrestrict tcxEJzOLAerd1lS05SMdxwDLyhneaG1PsPDAbapAlAhsRBzaujGWsda6aOMybdS

--
-- Database "postgres" dump
--

\connect postgres

--
-- PostgreSQL database dump
--

\restrict 2g6IJgeNKyKwuEifwpc91YVYDKlA3jrYcKojQSbNp6UEtr9NweZLk3UUfeYNaqY

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- PostgreSQL database dump complete
--

\unrestrict 2g6IJgeNKyKwuEifwpc91YVYDKlA3jrYcKojQSbNp6UEtr9NweZLk3UUfeYNaqY

--
-- Database "sg" dump
--

--
-- PostgreSQL database dump
--

\restrict aKl58M4Kcxl91DdbCbwSfY7sxu9r1P4PCmC6Y8KamYTJ3idNQLHwvDXhSFd0PRB

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: sg; Type: DATABASE; Schema: -; Owner: sg
--

CREATE DATABASE sg WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE_PROVIDER = libc LOCALE = 'C.UTF-8';


ALTER DATABASE sg OWNER TO sg;

\unrestrict aKl58M4Kcxl91DdbCbwSfY7sxu9r1P4PCmC6Y8KamYTJ3idNQLHwvDXhSFd0PRB
\connect sg
\restrict aKl58M4Kcxl91DdbCbwSfY7sxu9r1P4PCmC6Y8KamYTJ3idNQLHwvDXhSFd0PRB

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: DATABASE sg; Type: COMMENT; Schema: -; Owner: sg
--

COMMENT ON DATABASE sg IS 'Sourcegraph frontend';


--
-- Name: sg; Type: DATABASE PROPERTIES; Schema: -; Owner: sg
--

ALTER DATABASE sg SET statement_timeout TO '60s';


\unrestrict aKl58M4Kcxl91DdbCbwSfY7sxu9r1P4PCmC6Y8KamYTJ3idNQLHwvDXhSFd0PRB
\connect sg
\restrict aKl58M4Kcxl91DdbCbwSfY7sxu9r1P4PCmC6Y8KamYTJ3idNQLHwvDXhSFd0PRB

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: critical_or_site; Type: TYPE; Schema: public; Owner: sg
--

CREATE TYPE public.critical_or_site AS ENUM (
    'critical',
    'site'
);


ALTER TYPE public.critical_or_site OWNER TO sg;

--
-- Name: never_creates(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.never_creates() RETURNS text
    LANGUAGE plpgsql
    AS $$
BEGIN
IF false THEN
CREATE DATABASE x;
END IF;
RETURN 'ok';
END
$$;


ALTER FUNCTION public.never_creates() OWNER TO postgres;

--
-- Name: tagged_body(); Type: FUNCTION; Schema: public; Owner: sg
--

CREATE FUNCTION public.tagged_body() RETURNS text
    LANGUAGE plpgsql
    AS $_$
DECLARE
v text := '
\connect x
GRANT ALL ON SCHEMA public TO evil;
$$';
BEGIN
RETURN v;
END
$_$;


ALTER FUNCTION public.tagged_body() OWNER TO sg;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: users; Type: TABLE; Schema: public; Owner: sg
--

CREATE TABLE public.users (
    id integer NOT NULL,
    username text NOT NULL,
    display_name text,
    site_admin boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone NOT NULL
);


ALTER TABLE public.users OWNER TO sg;

--
-- Name: admins; Type: VIEW; Schema: public; Owner: sg
--

CREATE VIEW public.admins AS
 SELECT users.id,
    users.username
   FROM public.users
  WHERE users.site_admin;


ALTER TABLE public.admins OWNER TO sg;

--
-- Name: critical_and_site_config; Type: TABLE; Schema: public; Owner: sg
--

CREATE TABLE public.critical_and_site_config (
    id integer NOT NULL,
    type public.critical_or_site NOT NULL,
    contents text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    author_user_id integer,
    redacted_contents text
);


ALTER TABLE public.critical_and_site_config OWNER TO sg;

--
-- Name: critical_and_site_config_id_seq; Type: SEQUENCE; Schema: public; Owner: sg
--

CREATE SEQUENCE public.critical_and_site_config_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.critical_and_site_config_id_seq OWNER TO sg;

--
-- Name: critical_and_site_config_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: sg
--

ALTER SEQUENCE public.critical_and_site_config_id_seq OWNED BY public.critical_and_site_config.id;


--
-- Name: event_seq; Type: SEQUENCE; Schema: public; Owner: sg
--

CREATE SEQUENCE public.event_seq
    START WITH 100
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.event_seq OWNER TO sg;

--
-- Name: notes; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.notes (
    body text,
    id integer NOT NULL
);


ALTER TABLE public.notes OWNER TO postgres;

--
-- Name: repo; Type: TABLE; Schema: public; Owner: sg
--

CREATE TABLE public.repo (
    id integer NOT NULL,
    name text NOT NULL,
    private boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone NOT NULL
);


ALTER TABLE public.repo OWNER TO sg;

--
-- Name: TABLE repo; Type: COMMENT; Schema: public; Owner: sg
--

COMMENT ON TABLE public.repo IS 'Repositories.
CREATE ROLE evil;
\connect x
GRANT ALL ON SCHEMA public TO evil;';


--
-- Name: repo_id_seq; Type: SEQUENCE; Schema: public; Owner: sg
--

CREATE SEQUENCE public.repo_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.repo_id_seq OWNER TO sg;

--
-- Name: repo_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: sg
--

ALTER SEQUENCE public.repo_id_seq OWNED BY public.repo.id;


--
-- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: sg
--

CREATE SEQUENCE public.users_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.users_id_seq OWNER TO sg;

--
-- Name: users_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: sg
--

ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;


--
-- Name: versions; Type: TABLE; Schema: public; Owner: sg
--

CREATE TABLE public.versions (
    service text NOT NULL,
    version text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    first_version text NOT NULL,
    auto_upgrade boolean DEFAULT false NOT NULL
);


ALTER TABLE public.versions OWNER TO sg;

--
-- Name: critical_and_site_config id; Type: DEFAULT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.critical_and_site_config ALTER COLUMN id SET DEFAULT nextval('public.critical_and_site_config_id_seq'::regclass);


--
-- Name: repo id; Type: DEFAULT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.repo ALTER COLUMN id SET DEFAULT nextval('public.repo_id_seq'::regclass);


--
-- Name: users id; Type: DEFAULT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);


--
-- Data for Name: critical_and_site_config; Type: TABLE DATA; Schema: public; Owner: sg
--

COPY public.critical_and_site_config (id, type, contents, created_at, updated_at, author_user_id, redacted_contents) FROM stdin;
1	site	{\n  // old\n  "externalURL": "https://old.example.com"\n}	2024-01-01 00:00:00+00	2024-01-01 00:00:00+00	1	\N
2	critical	{}	2024-01-01 00:00:00+00	2024-01-01 00:00:00+00	\N	\N
3	site	{\n  // The URL users visit.\n  "externalURL": "https://sourcegraph.example.com",\n  /* auth */\n  "auth.providers": [{"type": "builtin"}],\n  "branding": {"brandName": "tab\there\\\\new\\nline"}\n}	2024-05-06 07:08:09+00	2024-05-06 07:08:09+00	1	\N
\.


--
-- Data for Name: notes; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.notes (body, id) FROM stdin;
CREATE ROLE evil;	1
CREATE DATABASE x;	2
\\connect x	3
GRANT ALL ON SCHEMA public TO evil;	4
two lines\nCREATE ROLE evil;\n\\connect x	5
\\.	6
\.


--
-- Data for Name: repo; Type: TABLE DATA; Schema: public; Owner: sg
--

COPY public.repo (id, name, private, created_at) FROM stdin;
1	github.com/sourcegraph/sourcegraph	f	2024-01-01 00:00:00+00
2	github.com/sourcegraph/src-cli	f	2024-01-01 00:00:01+00
3	gitlab.example.com/team/private	t	2024-01-01 00:00:02+00
4	github.com/example/ünïcode	f	2024-01-01 00:00:03+00
\.


--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: sg
--

COPY public.users (id, username, display_name, site_admin, created_at) FROM stdin;
1	admin	Site Admin	t	2024-01-02 03:04:05+00
2	alice	Alice "A" O'Neil	f	2024-02-03 04:05:06+00
3	bob	\N	f	2024-03-04 05:06:07+00
\.


--
-- Data for Name: versions; Type: TABLE DATA; Schema: public; Owner: sg
--

COPY public.versions (service, version, updated_at, first_version, auto_upgrade) FROM stdin;
frontend	5.0.5	2024-04-05 06:07:08+00	5.0.0	f
\.


--
-- Name: critical_and_site_config_id_seq; Type: SEQUENCE SET; Schema: public; Owner: sg
--

SELECT pg_catalog.setval('public.critical_and_site_config_id_seq', 3, true);


--
-- Name: event_seq; Type: SEQUENCE SET; Schema: public; Owner: sg
--

SELECT pg_catalog.setval('public.event_seq', 142, true);


--
-- Name: repo_id_seq; Type: SEQUENCE SET; Schema: public; Owner: sg
--

SELECT pg_catalog.setval('public.repo_id_seq', 4, true);


--
-- Name: users_id_seq; Type: SEQUENCE SET; Schema: public; Owner: sg
--

SELECT pg_catalog.setval('public.users_id_seq', 3, true);


--
-- Name: critical_and_site_config critical_and_site_config_pkey; Type: CONSTRAINT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.critical_and_site_config
    ADD CONSTRAINT critical_and_site_config_pkey PRIMARY KEY (id);


--
-- Name: notes notes_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.notes
    ADD CONSTRAINT notes_pkey PRIMARY KEY (id);


--
-- Name: repo repo_name_key; Type: CONSTRAINT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.repo
    ADD CONSTRAINT repo_name_key UNIQUE (name);


--
-- Name: repo repo_pkey; Type: CONSTRAINT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.repo
    ADD CONSTRAINT repo_pkey PRIMARY KEY (id);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: users users_username_key; Type: CONSTRAINT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_username_key UNIQUE (username);


--
-- Name: versions versions_pkey; Type: CONSTRAINT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.versions
    ADD CONSTRAINT versions_pkey PRIMARY KEY (service);


--
-- Name: TABLE users; Type: ACL; Schema: public; Owner: sg
--

GRANT SELECT ON TABLE public.users TO reader;


--
-- Name: SEQUENCE event_seq; Type: ACL; Schema: public; Owner: sg
--

GRANT USAGE ON SEQUENCE public.event_seq TO PUBLIC;


--
-- Name: TABLE repo; Type: ACL; Schema: public; Owner: sg
--

GRANT SELECT ON TABLE public.repo TO reader;


--
-- PostgreSQL database dump complete
--

\unrestrict aKl58M4Kcxl91DdbCbwSfY7sxu9r1P4PCmC6Y8KamYTJ3idNQLHwvDXhSFd0PRB

--
-- Database "sg-codeintel" dump
--

--
-- PostgreSQL database dump
--

\restrict ds0VkAgBJwBsA4uPYijztgIacINAehW2CUL21CbPpXk3YDI6XERbiokdJyvqEOg

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: sg-codeintel; Type: DATABASE; Schema: -; Owner: sg
--

CREATE DATABASE "sg-codeintel" WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE_PROVIDER = libc LOCALE = 'C.UTF-8';


ALTER DATABASE "sg-codeintel" OWNER TO sg;

\unrestrict ds0VkAgBJwBsA4uPYijztgIacINAehW2CUL21CbPpXk3YDI6XERbiokdJyvqEOg
\encoding SQL_ASCII
\connect -reuse-previous=on "dbname='sg-codeintel'"
\restrict ds0VkAgBJwBsA4uPYijztgIacINAehW2CUL21CbPpXk3YDI6XERbiokdJyvqEOg

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: codeintel_schema_migrations; Type: TABLE; Schema: public; Owner: sg
--

CREATE TABLE public.codeintel_schema_migrations (
    version bigint NOT NULL,
    dirty boolean NOT NULL
);


ALTER TABLE public.codeintel_schema_migrations OWNER TO sg;

--
-- Name: lsif_data_documents; Type: TABLE; Schema: public; Owner: sg
--

CREATE TABLE public.lsif_data_documents (
    dump_id integer NOT NULL,
    path text NOT NULL,
    data bytea
);


ALTER TABLE public.lsif_data_documents OWNER TO sg;

--
-- Name: lsif_uploads; Type: TABLE; Schema: public; Owner: sg
--

CREATE TABLE public.lsif_uploads (
    id integer NOT NULL,
    repository_id integer NOT NULL,
    commit text NOT NULL,
    state text NOT NULL
);


ALTER TABLE public.lsif_uploads OWNER TO sg;

--
-- Name: lsif_uploads_id_seq; Type: SEQUENCE; Schema: public; Owner: sg
--

CREATE SEQUENCE public.lsif_uploads_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.lsif_uploads_id_seq OWNER TO sg;

--
-- Name: lsif_uploads_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: sg
--

ALTER SEQUENCE public.lsif_uploads_id_seq OWNED BY public.lsif_uploads.id;


--
-- Name: lsif_uploads id; Type: DEFAULT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.lsif_uploads ALTER COLUMN id SET DEFAULT nextval('public.lsif_uploads_id_seq'::regclass);


--
-- Data for Name: codeintel_schema_migrations; Type: TABLE DATA; Schema: public; Owner: sg
--

COPY public.codeintel_schema_migrations (version, dirty) FROM stdin;
1000000033	f
\.


--
-- Data for Name: lsif_data_documents; Type: TABLE DATA; Schema: public; Owner: sg
--

COPY public.lsif_data_documents (dump_id, path, data) FROM stdin;
1	main.go	\\x00010203ff
1	README.md	\N
\.


--
-- Data for Name: lsif_uploads; Type: TABLE DATA; Schema: public; Owner: sg
--

COPY public.lsif_uploads (id, repository_id, commit, state) FROM stdin;
1	1	deadbeefdeadbeefdeadbeefdeadbeefdeadbeef	completed
2	2	cafebabecafebabecafebabecafebabecafebabe	errored
\.


--
-- Name: lsif_uploads_id_seq; Type: SEQUENCE SET; Schema: public; Owner: sg
--

SELECT pg_catalog.setval('public.lsif_uploads_id_seq', 2, true);


--
-- Name: codeintel_schema_migrations codeintel_schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.codeintel_schema_migrations
    ADD CONSTRAINT codeintel_schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: lsif_data_documents lsif_data_documents_pkey; Type: CONSTRAINT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.lsif_data_documents
    ADD CONSTRAINT lsif_data_documents_pkey PRIMARY KEY (dump_id, path);


--
-- Name: lsif_uploads lsif_uploads_pkey; Type: CONSTRAINT; Schema: public; Owner: sg
--

ALTER TABLE ONLY public.lsif_uploads
    ADD CONSTRAINT lsif_uploads_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

\unrestrict ds0VkAgBJwBsA4uPYijztgIacINAehW2CUL21CbPpXk3YDI6XERbiokdJyvqEOg

--
-- PostgreSQL database cluster dump complete
--

