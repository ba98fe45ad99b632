-- Questions no chat provider could answer, kept until one can (or an agent does). A question is claimed by exactly one
-- instance (FOR UPDATE SKIP LOCKED) under a lease, so an instance that dies mid-answer leaves it to another.
create table parked_question (
    id              uuid primary key,
    tenant_id       varchar(64)  not null references tenant (id),
    conversation_id uuid         not null references conversation (id) on delete cascade,
    message_id      uuid         not null references conversation_message (id) on delete cascade,
    question        text         not null,
    status          varchar(16)  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamp with time zone not null,
    locked_by       varchar(120),
    locked_until    timestamp with time zone,
    last_error      varchar(2000),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);

create index ix_parked_question_due on parked_question (status, next_attempt_at);
