-- A send whose outcome is unknown (no answer in time, the connection closed after the request went out, an instance
-- that died between sending and recording) waits as UNKNOWN, from unknown_since, until the provider tells whether it
-- went (a status webhook, the message's echo, a lookup from attempted_at, when the send that may have gone began) or a
-- bounded wait passes; reconciliation says what was decided.
alter table outbox_message add column unknown_since timestamp with time zone;
alter table outbox_message add column attempted_at timestamp with time zone;
alter table outbox_message add column reconciliation varchar(500);

-- A WAHA session's status as of when WAHA reported it: a status processed late does not undo a later one.
alter table channel_connection add column session_status_at timestamp with time zone;
