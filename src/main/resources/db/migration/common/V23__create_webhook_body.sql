-- A webhook call's raw body, sealed and kept once however many events it carried (one Meta call can carry hundreds of
-- statuses); its events point at it. Older events keep the copy they hold in raw_sealed.
create table webhook_body (
    id            uuid primary key,
    tenant_id     varchar(64) not null,
    connection_id uuid        not null references channel_connection (id) on delete cascade,
    raw_sealed    text        not null,
    received_at   timestamp with time zone not null
);

create index ix_webhook_body_received on webhook_body (received_at);

alter table inbox_event add column body_id uuid references webhook_body (id) on delete set null;
alter table inbox_event alter column raw_sealed drop not null;
create index ix_inbox_event_body on inbox_event (body_id);
