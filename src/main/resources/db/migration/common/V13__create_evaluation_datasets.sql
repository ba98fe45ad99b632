-- A tenant's evaluation datasets, by name: the cases (as a JSON array) and their version (SHA-256 of the cases).
-- Uploading a dataset under a name it already has replaces it; stored runs keep the version they ran.
create table evaluation_dataset (
    tenant_id  varchar(64)  not null references tenant (id),
    name       varchar(100) not null,
    version    varchar(64)  not null,
    case_count integer      not null,
    cases      text         not null,
    updated_at timestamp with time zone not null,
    primary key (tenant_id, name)
);
