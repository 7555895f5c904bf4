-- Hand-made, not pg_dump output: written after the published format of pg_dump 17.6 (\restrict and
-- \unrestrict around the script, SET transaction_timeout in the header) for a small codeinsights database.
--
-- PostgreSQL database dump
--

\restrict Xq3Lk9PzR2vT7mWn4Yb8Hc1Jd6Fg0Ks5Ue2Ai9Ol3Nr7Qt

-- Dumped from database version 17.6 (Debian 17.6-1.pgdg120+1)
-- Dumped by pg_dump version 17.6 (Debian 17.6-1.pgdg120+1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
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
-- Name: codeinsights_schema_migrations; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.codeinsights_schema_migrations (
    version bigint NOT NULL,
    dirty boolean NOT NULL
);


ALTER TABLE public.codeinsights_schema_migrations OWNER TO postgres;

--
-- Name: insight_series; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.insight_series (
    id integer NOT NULL,
    series_id text NOT NULL,
    query text NOT NULL
);


ALTER TABLE public.insight_series OWNER TO postgres;

--
-- Name: series_points; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.series_points (
    series_id text NOT NULL,
    "time" timestamp with time zone NOT NULL,
    value double precision NOT NULL
);


ALTER TABLE public.series_points OWNER TO postgres;

--
-- Data for Name: codeinsights_schema_migrations; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.codeinsights_schema_migrations (version, dirty) FROM stdin;
1000000027	f
\.


--
-- Data for Name: insight_series; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.insight_series (id, series_id, query) FROM stdin;
1	s:todo	TODO count:all
2	s:fixme	FIXME\tor\tXXX
\.


--
-- Data for Name: series_points; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.series_points (series_id, "time", value) FROM stdin;
s:todo	2024-06-01 00:00:00+00	41
s:todo	2024-06-02 00:00:00+00	42
s:fixme	2024-06-01 00:00:00+00	7
\.


--
-- Name: insight_series insight_series_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.insight_series
    ADD CONSTRAINT insight_series_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

\unrestrict Xq3Lk9PzR2vT7mWn4Yb8Hc1Jd6Fg0Ks5Ue2Ai9Ol3Nr7Qt

