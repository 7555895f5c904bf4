--
-- PostgreSQL database dump
--

\restrict YjkYuTIguseBVNW9FzFioAq7mMqGl9SbxIsQZBYf8XGMWhdIsTpexMSTIuCjPBy

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

\unrestrict YjkYuTIguseBVNW9FzFioAq7mMqGl9SbxIsQZBYf8XGMWhdIsTpexMSTIuCjPBy

