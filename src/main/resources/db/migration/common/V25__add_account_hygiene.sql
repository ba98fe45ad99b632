-- Failed sign-ins per user name and per client address, shared by every instance: past a few, each failure blocks
-- the next attempts for longer.
create table login_throttle (
    throttle_key    varchar(200) primary key,
    failures        integer      not null,
    last_failure_at timestamp with time zone not null,
    blocked_until   timestamp with time zone
);

-- Raised when a user's role changes or their password is reset: their open sessions, on any instance, end at their
-- next request.
alter table app_user add column session_epoch integer not null default 0;
alter table app_user add column password_changed_at timestamp with time zone;
