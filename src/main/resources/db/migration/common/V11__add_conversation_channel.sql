-- Where a conversation comes from: the API, the console's playground, an evaluation run, or WhatsApp. Evaluation runs
-- ask as customers would, but their conversations are not customers': they stay out of the inbox and announce nothing.
alter table conversation add column channel varchar(16) not null default 'API';
