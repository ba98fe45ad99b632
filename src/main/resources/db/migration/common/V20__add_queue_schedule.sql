-- Every queue table has the same lease columns, so one mechanism claims them all: ingestion jobs and evaluation runs
-- gain the time they are due next, and runs count their attempts.
alter table ingestion_job add column next_attempt_at timestamp with time zone;
update ingestion_job set next_attempt_at = created_at;
alter table ingestion_job alter column next_attempt_at set not null;

alter table evaluation_run add column attempts integer default 0 not null;
alter table evaluation_run add column next_attempt_at timestamp with time zone;
update evaluation_run set next_attempt_at = created_at;
alter table evaluation_run alter column next_attempt_at set not null;
