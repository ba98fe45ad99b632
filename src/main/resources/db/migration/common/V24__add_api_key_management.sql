-- API keys become a resource: named, with the role they act in, when they were last used, and revoked rather than
-- forgotten (a revoked key's digest stays, so a restart with the same GROUNDED_API_KEY cannot bring it back).
alter table api_key add column name varchar(100) not null default 'API key';
alter table api_key add column role varchar(20) not null default 'ADMIN';
alter table api_key add column last_used_at timestamp with time zone;
alter table api_key add column revoked_at timestamp with time zone;
alter table api_key add column created_by varchar(100);
create index ix_api_key_tenant on api_key (tenant_id, created_at);
