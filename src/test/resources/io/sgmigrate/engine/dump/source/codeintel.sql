-- A small Sourcegraph-like codeintel database. Run as the role sg, in a database owned by sg.
SET client_min_messages = warning;

CREATE TABLE public.codeintel_schema_migrations (
    version bigint PRIMARY KEY,
    dirty boolean NOT NULL
);

CREATE TABLE public.lsif_uploads (
    id serial PRIMARY KEY,
    repository_id integer NOT NULL,
    commit text NOT NULL,
    state text NOT NULL
);

CREATE TABLE public.lsif_data_documents (
    dump_id integer NOT NULL,
    path text NOT NULL,
    data bytea,
    PRIMARY KEY (dump_id, path)
);

INSERT INTO public.codeintel_schema_migrations VALUES (1000000033, false);
INSERT INTO public.lsif_uploads (repository_id, commit, state) VALUES
    (1, 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef', 'completed'),
    (2, 'cafebabecafebabecafebabecafebabecafebabe', 'errored');
INSERT INTO public.lsif_data_documents VALUES
    (1, 'main.go', '\x00010203ff'::bytea),
    (1, 'README.md', NULL);
