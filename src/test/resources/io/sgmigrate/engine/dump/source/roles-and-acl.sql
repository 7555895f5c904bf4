-- Run as postgres in the database sg after frontend.sql: things that need roles the target lacks.
ALTER TABLE public.notes OWNER TO postgres;
ALTER FUNCTION public.never_creates() OWNER TO postgres;
GRANT SELECT ON public.repo TO reader;
GRANT SELECT ON public.users TO reader, sg;
GRANT USAGE ON SEQUENCE public.event_seq TO PUBLIC;
COMMENT ON DATABASE sg IS 'Sourcegraph frontend';
ALTER DATABASE sg SET statement_timeout = '60s';
GRANT reader TO sg;
