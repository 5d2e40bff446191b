-- In-app notifications and the SMS outbox (nothing is lost: a message is a row before it is sent).

create table notification (
    id          bigserial primary key,
    cadre_id    bigint references cadre (id) on delete cascade,
    user_id     bigint references app_user (id) on delete cascade,
    kind        varchar(40)  not null,
    title       varchar(200) not null,
    body        text         not null,
    link        varchar(300),
    dedup_key   varchar(120) unique,
    created_at  timestamptz  not null default now(),
    read_at     timestamptz,
    check (cadre_id is not null or user_id is not null)
);
create index notification_cadre_idx on notification (cadre_id, created_at desc);
create index notification_user_idx on notification (user_id, created_at desc);

create table sms_outbox (
    id              bigserial primary key,
    phone           varchar(30)  not null,
    body            varchar(500) not null,
    -- the gateway receives this as the client message id, so a resend after a crash is not delivered twice
    dedup_key       varchar(120) not null unique,
    status          varchar(10)  not null default 'PENDING',
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_error      varchar(500),
    created_at      timestamptz  not null default now(),
    sent_at         timestamptz
);
create index sms_outbox_due_idx on sms_outbox (next_attempt_at) where status = 'PENDING';
