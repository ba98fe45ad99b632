-- Keyword search analyses each chunk with its language's text search configuration: Hindi, Russian, Arabic and Tamil
-- join the seven before (retrieval.SupportedLanguage is the list; PgLanguagesIT checks that this function follows it).
-- A language PostgreSQL has no configuration for is analysed as 'simple'.
create or replace function knowledge_chunk_tsvector(metadata jsonb, content text) returns tsvector
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
            when 'hi' then 'hindi'::regconfig
            when 'ru' then 'russian'::regconfig
            when 'ar' then 'arabic'::regconfig
            when 'ta' then 'tamil'::regconfig
            else 'simple'::regconfig
        end,
        coalesce(metadata ->> 'title', '') || ' ' || coalesce(metadata ->> 'section', '') || ' ' || content);

-- Stored generated columns are computed again when their row is written: the chunks of the new languages.
update knowledge_chunk set content = content where metadata ->> 'language' in ('hi', 'ru', 'ar', 'ta');
