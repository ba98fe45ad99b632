-- Which embedding model produced a document's vectors, so a model change is visible and "re-index all" can fix it.
alter table knowledge_document add column embedding_model varchar(100);
alter table knowledge_document add column embedding_dimensions integer;
-- Pages parsed (PDFs), shown with the progress.
alter table knowledge_document add column page_count integer not null default 0;
