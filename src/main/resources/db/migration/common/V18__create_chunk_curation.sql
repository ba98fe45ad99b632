-- What admins changed in a document's passages: an edited text, or a passage taken out of the knowledge. A disabled
-- passage is not in the chunk index, so its text, section and page are kept here to list it and to put it back. The
-- hash of the passage as ingested carries a curation over to the same passage when the document is read again (a
-- re-index, or a new version that still holds it); a curation whose passage is gone is dropped then.
create table knowledge_chunk_curation (
    document_id   uuid          not null references knowledge_document (id) on delete cascade,
    chunk_index   integer       not null,
    tenant_id     varchar(64)   not null references tenant (id),
    original_sha  varchar(64)   not null,
    original_text text          not null,
    section       varchar(2000),
    page          integer,
    language      varchar(16),
    edited_text   text,
    disabled      boolean       not null default false,
    updated_by    varchar(200)  not null,
    updated_at    timestamp with time zone not null,
    primary key (document_id, chunk_index)
);

create index ix_chunk_curation_tenant on knowledge_chunk_curation (tenant_id, document_id);
