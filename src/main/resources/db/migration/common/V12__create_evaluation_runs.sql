-- Evaluation runs, kept so two can be compared: which dataset (and version), on which knowledge (document hashes),
-- with which configuration (thresholds, fusion, tenant settings, providers, models, prompts), and what came out (the
-- metrics, and the whole report with every case's reply).
create table evaluation_run (
    id              uuid primary key,
    tenant_id       varchar(64)  not null references tenant (id),
    dataset         varchar(200) not null,
    dataset_version varchar(64)  not null,
    configuration   text         not null,
    knowledge       text         not null,
    metrics         text         not null,
    report          text         not null,
    created_at      timestamp with time zone not null
);

create index ix_evaluation_run_tenant on evaluation_run (tenant_id, created_at);
