-- Keyword search ranks by BM25, as the embedded profile's Lucene index does, so both profiles rank alike. BM25 needs
-- each chunk's length in terms; the tsvector is built by one function so the length column and the tsvector (generated
-- columns cannot read each other) analyse the text the same way.
create function knowledge_chunk_tsvector(metadata jsonb, content text) returns tsvector
    language sql immutable parallel safe
    return to_tsvector(
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
        coalesce(metadata ->> 'title', '') || ' ' || coalesce(metadata ->> 'section', '') || ' ' || content);

-- Terms counted with repeats (the positions of each lexeme), stop words excluded, as Lucene counts a field's length.
create function tsvector_term_count(document tsvector) returns integer
    language sql immutable parallel safe
    return (select coalesce(sum(coalesce(array_length(t.positions, 1), 1)), 0)::integer from unnest(document) t);

alter table knowledge_chunk drop column content_tsv;
alter table knowledge_chunk
    add column content_tsv tsvector generated always as (knowledge_chunk_tsvector(metadata, content)) stored,
    add column content_terms integer generated always as (
        tsvector_term_count(knowledge_chunk_tsvector(metadata, content))) stored;

create index ix_knowledge_chunk_tsv on knowledge_chunk using gin (content_tsv);
