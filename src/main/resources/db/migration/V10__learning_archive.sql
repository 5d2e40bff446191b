-- Learning archive (学习档案) and compliance (rule sets, materialised standings).

create table archive_entry (
    id              bigserial primary key,
    cadre_id        bigint       not null references cadre (id),
    source          varchar(30)  not null,
    -- with source, identifies where an entry came from (class id, course code, study session): credits once
    source_ref      varchar(100),
    title           varchar(200) not null,
    provider        varchar(100),
    started_on      date,
    ended_on        date,
    credited_on     date         not null,
    quantity        numeric(10, 2),
    quantity_unit   varchar(10),
    hours           numeric(7, 2) not null check (hours >= 0),
    conversion_note varchar(300),
    delivery        varchar(20)  not null,
    required        boolean      not null default false,
    full_time       boolean      not null default false,
    training_type   varchar(20),
    evidence        text,
    status          varchar(20)  not null,
    reject_reason   varchar(300),
    recorded_by     varchar(50),
    recorded_at     timestamptz  not null default now(),
    approved_by     varchar(50),
    approved_at     timestamptz,
    version         int          not null default 0
);
create unique index archive_entry_source_uk on archive_entry (cadre_id, source, source_ref) where source_ref is not null;
create index archive_entry_cadre_idx on archive_entry (cadre_id, credited_on);
create index archive_entry_pending_idx on archive_entry (status) where status = 'PENDING';

create table archive_attachment (
    id           bigserial primary key,
    entry_id     bigint       not null references archive_entry (id) on delete cascade,
    file_name    varchar(200) not null,
    content_type varchar(100),
    size_bytes   int          not null,
    content      bytea        not null,
    created_at   timestamptz  not null default now()
);

-- 中心组学习 / 支部学习 / 主题党日 ...: one session, its attendees each credited (source GROUP_STUDY, ref GS-<id>)
create table group_study_session (
    id           bigserial primary key,
    org_id       bigint references organization (id),
    party_org_id bigint references party_organization (id),
    kind         varchar(30)  not null,
    title        varchar(200) not null,
    held_on      date         not null,
    hours        numeric(6, 2) not null check (hours > 0),
    required     boolean      not null default true,
    note         varchar(500),
    recorded_by  varchar(50),
    created_at   timestamptz  not null default now()
);

create table rule_set (
    id                  bigserial primary key,
    jurisdiction_org_id bigint references organization (id),
    name                varchar(100) not null,
    version             int          not null,
    valid_from          date         not null,
    valid_to            date,
    document            jsonb        not null,
    note                varchar(500),
    created_by          varchar(50),
    created_at          timestamptz  not null default now()
);
create unique index rule_set_version_uk on rule_set (coalesce(jurisdiction_org_id, 0), version);

-- Standings as of their computation date, one row per person and requirement, for dashboards.
create table cadre_standing (
    cadre_id        bigint        not null references cadre (id) on delete cascade,
    code            varchar(40)   not null,
    title           varchar(100)  not null,
    status          varchar(10)   not null,
    required_hours  numeric(8, 2) not null,
    counted_hours   numeric(8, 2) not null,
    missing_hours   numeric(8, 2) not null,
    deadline        date,
    rule_set_id     bigint,
    as_of           date          not null,
    primary key (cadre_id, code)
);
create index cadre_standing_status_idx on cadre_standing (status, code);
