-- A webhook call's raw body is kept once however many events it carried (one Meta call can carry hundreds of
-- statuses): on the call's first new event, and the others name that event. A call of one event, the usual one,
-- still writes one row.
alter table inbox_event add column body_event uuid;
alter table inbox_event alter column raw_sealed drop not null;
