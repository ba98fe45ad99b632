-- A delivery status that names one of our messages (Meta's biz_opaque_callback_data, Twilio's status callback URL):
-- while it waits in the inbox, the message it names is not sent again, however long the inbox takes to get to it.
alter table inbox_event add column reference varchar(64);

create index ix_inbox_event_reference on inbox_event (reference);
