-- The dashboard reads a tenant's messages by time (a period of days): without this it would read all of them.
create index ix_conversation_message_time on conversation_message (tenant_id, created_at);
