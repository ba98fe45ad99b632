-- Runs started over REST are queued and run by whichever instance claims them (FOR UPDATE SKIP LOCKED, under a
-- lease it renews as cases finish), so a run has a status and progress, and its results are empty until it is done.
-- Runs stored before this (from the CLI) were done.
alter table evaluation_run add column status varchar(16) default 'DONE' not null;
alter table evaluation_run add column cases_done integer default 0 not null;
alter table evaluation_run add column cases_total integer default 0 not null;
alter table evaluation_run add column error varchar(2000);
alter table evaluation_run add column locked_by varchar(200);
alter table evaluation_run add column locked_until timestamp with time zone;
alter table evaluation_run add column finished_at timestamp with time zone;
alter table evaluation_run alter column configuration drop not null;
alter table evaluation_run alter column knowledge drop not null;
alter table evaluation_run alter column metrics drop not null;
alter table evaluation_run alter column report drop not null;
create index ix_evaluation_run_queue on evaluation_run (status, created_at);
