-- Ganxun foundation: organisation trees, cadres, users, audit, sessions.
-- Tree tables keep a materialised path ('/1/7/42/') so that "this node and everything under it"
-- (a user's data scope) is one indexed LIKE 'prefix%' condition.

create table organization (
    id          bigserial primary key,
    parent_id   bigint references organization (id),
    name        varchar(100) not null,
    kind        varchar(30)  not null,
    code        varchar(40) unique,
    path        text         not null,
    depth       int          not null,
    sort_order  int          not null default 0,
    retired     boolean      not null default false,
    retired_on  date,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now(),
    version     int          not null default 0
);
create index organization_path_idx on organization (path text_pattern_ops);
create index organization_parent_idx on organization (parent_id);

create table party_organization (
    id             bigserial primary key,
    parent_id      bigint references party_organization (id),
    name           varchar(100) not null,
    kind           varchar(30)  not null,
    org_id         bigint references organization (id),
    code           varchar(40) unique,
    path           text         not null,
    depth          int          not null,
    sort_order     int          not null default 0,
    secretary_name varchar(50),
    contact_phone  varchar(30),
    retired        boolean      not null default false,
    retired_on     date,
    created_at     timestamptz  not null default now(),
    updated_at     timestamptz  not null default now(),
    version        int          not null default 0
);
create index party_organization_path_idx on party_organization (path text_pattern_ops);
create index party_organization_parent_idx on party_organization (parent_id);

create table cadre (
    id                bigserial primary key,
    name              varchar(50)  not null,
    gender            varchar(10)  not null,
    ethnicity         varchar(20)  not null default '汉族',
    birth_date        date         not null,
    citizen_id_enc    text         not null,
    citizen_id_hash   char(64)     not null unique,
    citizen_id_masked varchar(20)  not null,
    education         varchar(30),
    political_status  varchar(30)  not null,
    joined_party_on   date,
    org_id            bigint       not null references organization (id),
    post              varchar(100),
    rank_level        varchar(20),
    rank_grade        varchar(20),
    leadership        boolean      not null default false,
    staff_category    varchar(40)  not null,
    entered_work_on   date,
    phone             varchar(30),
    reserve_cadre     boolean      not null default false,
    party_org_id      bigint references party_organization (id),
    mobile_member     boolean      not null default false,
    status            varchar(20)  not null default 'ACTIVE',
    created_at        timestamptz  not null default now(),
    updated_at        timestamptz  not null default now(),
    version           int          not null default 0
);
create index cadre_org_idx on cadre (org_id);
create index cadre_party_org_idx on cadre (party_org_id);
create index cadre_name_idx on cadre (name);

-- Post and rank as dated history: later rules ask "promoted on".
create table cadre_post_history (
    id          bigserial primary key,
    cadre_id    bigint      not null references cadre (id) on delete cascade,
    org_id      bigint      not null references organization (id),
    post        varchar(100),
    rank_level  varchar(20),
    rank_grade  varchar(20),
    leadership  boolean     not null default false,
    started_on  date        not null,
    ended_on    date,
    note        varchar(200),
    created_at  timestamptz not null default now()
);
create index cadre_post_history_cadre_idx on cadre_post_history (cadre_id, started_on);

create table app_user (
    id                  bigserial primary key,
    username            varchar(50)  not null unique,
    display_name        varchar(50)  not null,
    password_hash       varchar(200) not null,
    role                varchar(30)  not null,
    scope_org_id        bigint references organization (id),
    scope_party_org_id  bigint references party_organization (id),
    cadre_id            bigint references cadre (id),
    enabled             boolean      not null default true,
    failed_attempts     int          not null default 0,
    locked_until        timestamptz,
    password_changed_at timestamptz  not null default now(),
    last_login_at       timestamptz,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    version             int          not null default 0
);

create table audit_log (
    id             bigserial primary key,
    at             timestamptz  not null default now(),
    actor_id       bigint,
    actor_username varchar(50),
    action         varchar(40)  not null,
    entity_type    varchar(40)  not null,
    entity_id      varchar(40),
    summary        varchar(500),
    before_data    jsonb,
    after_data     jsonb,
    remote_addr    varchar(64)
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);
create index audit_log_actor_idx on audit_log (actor_username);

-- Spring Session JDBC (sessions in the database keep application nodes stateless).
create table spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint   not null,
    last_access_time      bigint   not null,
    max_inactive_interval int      not null,
    expiry_time           bigint   not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);
