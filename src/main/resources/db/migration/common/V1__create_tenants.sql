create table tenant (
    id         varchar(64)  primary key,
    name       varchar(200) not null,
    created_at timestamp with time zone not null
);

create table app_user (
    username      varchar(100) primary key,
    password_hash varchar(200) not null,
    tenant_id     varchar(64)  not null references tenant (id),
    role          varchar(20)  not null,
    created_at    timestamp with time zone not null
);

create table api_key (
    id         uuid primary key,
    tenant_id  varchar(64) not null references tenant (id),
    key_hash   varchar(64) not null unique,
    key_prefix varchar(16) not null,
    created_at timestamp with time zone not null
);
