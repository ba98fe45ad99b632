-- A tenant's assistant settings (persona, thresholds, providers, handoff, business hours) as one JSON document:
-- read whole on every reply and written whole from the settings page, never queried by field.
create table tenant_settings (
    tenant_id  varchar(64) primary key references tenant (id),
    settings   text        not null,
    updated_at timestamp with time zone not null
);
