create table knowledge_document (
    id             uuid primary key,
    tenant_id      varchar(64)   not null references tenant (id),
    title          varchar(500)  not null,
    file_name      varchar(500)  not null,
    content_type   varchar(200),
    size_bytes     bigint        not null,
    sha256         varchar(64)   not null,
    status         varchar(20)   not null,
    reason         varchar(2000),
    language       varchar(16),
    chunk_count    integer       not null default 0,
    progress_done  integer       not null default 0,
    progress_total integer       not null default 0,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    constraint uq_knowledge_document_content unique (tenant_id, sha256)
);

create index ix_knowledge_document_tenant on knowledge_document (tenant_id, created_at);

create table ingestion_job (
    id           uuid primary key,
    tenant_id    varchar(64) not null references tenant (id),
    document_id  uuid        not null references knowledge_document (id) on delete cascade,
    status       varchar(20) not null,
    attempts     integer     not null default 0,
    locked_by    varchar(100),
    locked_until timestamp with time zone,
    last_error   varchar(2000),
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null
);

create index ix_ingestion_job_status on ingestion_job (status, created_at);

create table quick_reply (
    id         uuid primary key,
    tenant_id  varchar(64)   not null references tenant (id),
    label      varchar(200)  not null,
    answer     varchar(4000) not null,
    language   varchar(16),
    hits       bigint        not null default 0,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uq_quick_reply_label unique (tenant_id, label)
);
