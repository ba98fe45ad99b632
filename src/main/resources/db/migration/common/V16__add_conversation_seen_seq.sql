-- The last message the tenant's agents have seen in the inbox: what came after it is unread.
alter table conversation add column seen_seq bigint;
