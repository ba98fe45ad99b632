-- The chunk index of the postgres profile. Spring AI's PgVectorStore reads and writes id, content, metadata and
-- embedding (initialize-schema is off: Flyway owns this table); the generated columns serve tenant scoping, deletes
-- by source and keyword search, so every app instance shares one index and keeps no local state.
create extension if not exists vector;

create table knowledge_chunk (
    id          uuid primary key,
    content     text        not null,
    metadata    jsonb       not null,
    embedding   vector(384) not null,
    tenant_id   varchar(64) generated always as (metadata ->> 'tenant') stored not null,
    source_id   varchar(100) generated always as (metadata ->> 'sourceId') stored not null,
    content_tsv tsvector    generated always as (
        to_tsvector(
            case metadata ->> 'language'
                when 'en' then 'english'::regconfig
                when 'es' then 'spanish'::regconfig
                when 'pt' then 'portuguese'::regconfig
                when 'fr' then 'french'::regconfig
                when 'de' then 'german'::regconfig
                when 'it' then 'italian'::regconfig
                when 'nl' then 'dutch'::regconfig
                else 'simple'::regconfig
            end,
            coalesce(metadata ->> 'title', '') || ' ' || coalesce(metadata ->> 'section', '') || ' ' || content)
    ) stored
);

create index ix_knowledge_chunk_embedding on knowledge_chunk using hnsw (embedding vector_cosine_ops);
create index ix_knowledge_chunk_source on knowledge_chunk (tenant_id, source_id);
create index ix_knowledge_chunk_tsv on knowledge_chunk using gin (content_tsv);
