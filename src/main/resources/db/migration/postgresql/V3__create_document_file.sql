-- Uploaded originals are kept so an interrupted ingestion job can start again from the bytes on any instance.
create table document_file (
    document_id uuid primary key references knowledge_document (id) on delete cascade,
    content     bytea not null
);
