-- Party-member education (党员教育): members who are not cadres, mobile-member details, study activities
-- with attendance and hours, SMS broadcasts, remote education sites, the mobile classroom.

-- One row per party member this module manages. A member who is a cadre has cadre_id set and takes
-- name, gender, birth date, citizen ID, phone and branch from the roster (the roster stays the source of
-- truth); the row only adds what party-member education needs (category, groups, mobile details).
-- A member who is not a cadre (farmer, migrant worker, retiree ...) has cadre_id null and carries it all.
create table party_member (
    id                     bigserial primary key,
    cadre_id               bigint unique references cadre (id) on delete cascade,
    name                   varchar(50),
    gender                 varchar(10),
    birth_date             date,
    citizen_id_enc         text,
    citizen_id_hash        char(64) unique,
    citizen_id_masked      varchar(20),
    joined_party_on        date,
    party_org_id           bigint references party_organization (id),
    phone                  varchar(30),
    category               varchar(20)  not null,
    probationary           boolean      not null default false,
    groups                 text[]       not null default '{}',
    status                 varchar(20)  not null default 'ACTIVE',
    -- 流动党员
    mobile                 boolean      not null default false,
    away_place             varchar(200),
    away_employer          varchar(200),
    away_since             date,
    membership_transferred boolean      not null default false,
    contact_person         varchar(50),
    contact_person_phone   varchar(30),
    last_contact_on        date,
    last_contact_via       varchar(20),
    note                   varchar(500),
    created_at             timestamptz  not null default now(),
    updated_at             timestamptz  not null default now(),
    version                int          not null default 0,
    check (cadre_id is not null or (name is not null and party_org_id is not null and citizen_id_hash is not null))
);
create index party_member_branch_idx on party_member (party_org_id);

-- contact log of mobile members (每次联系：日期、方式、情况)
create table party_member_contact (
    id          bigserial primary key,
    member_id   bigint       not null references party_member (id) on delete cascade,
    contacted_on date        not null,
    via         varchar(20)  not null,
    note        varchar(500),
    recorded_by varchar(50),
    created_at  timestamptz  not null default now()
);
create index party_member_contact_idx on party_member_contact (member_id, contacted_on desc);

-- 支部学习 / 主题党日 / 党课 / 专题讲座
create table study_activity (
    id             bigserial primary key,
    party_org_id   bigint        not null references party_organization (id),
    kind           varchar(30)   not null,
    topic          varchar(200)  not null,
    held_on        date          not null,
    hours          numeric(6, 2) not null check (hours > 0 and hours <= 24),
    location       varchar(200),
    content        text,
    -- members away may attend online until this date (inclusive); null: no online attendance
    online_until   date,
    created_by     varchar(50),
    created_at     timestamptz   not null default now(),
    version        int           not null default 0
);
create index study_activity_branch_idx on study_activity (party_org_id, held_on desc);

create table study_material (
    id           bigserial primary key,
    activity_id  bigint       not null references study_activity (id) on delete cascade,
    file_name    varchar(200) not null,
    content_type varchar(100) not null,
    size_bytes   int          not null,
    content      bytea        not null,
    uploaded_by  varchar(50),
    created_at   timestamptz  not null default now()
);

-- one row per member and activity: the unique key makes a repeated attendance a no-op
create table study_attendance (
    id            bigserial primary key,
    activity_id   bigint        not null references study_activity (id) on delete cascade,
    member_id     bigint        not null references party_member (id) on delete cascade,
    mode          varchar(10)   not null,
    attended_on   date          not null,
    hours         numeric(6, 2) not null,
    recorded_by   varchar(50),
    created_at    timestamptz   not null default now(),
    unique (activity_id, member_id)
);
create index study_attendance_member_idx on study_attendance (member_id, attended_on);

-- a personal link for online attendance, sent by SMS to a member away (no account needed)
create table study_invitation (
    token        varchar(64) primary key,
    activity_id  bigint      not null references study_activity (id) on delete cascade,
    member_id    bigint      not null references party_member (id) on delete cascade,
    created_at   timestamptz not null default now(),
    unique (activity_id, member_id)
);

create table message_template (
    id          bigserial primary key,
    name        varchar(100) not null,
    body        varchar(500) not null,
    created_by  varchar(50),
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now()
);

create table broadcast (
    id          bigserial primary key,
    template_id bigint references message_template (id) on delete set null,
    body        varchar(500) not null,
    selection   varchar(300) not null,
    recipients  int          not null,
    created_by  varchar(50),
    scope_party_path text,
    scope_org_path   text,
    -- the client's id for this send: a double submit gives the same broadcast, not a second one
    request_id  varchar(64) unique,
    created_at  timestamptz  not null default now()
);

create table broadcast_recipient (
    id           bigserial primary key,
    broadcast_id bigint       not null references broadcast (id) on delete cascade,
    member_id    bigint       not null references party_member (id) on delete cascade,
    name         varchar(50)  not null,
    phone        varchar(30),
    body         varchar(500) not null,
    -- the sms_outbox key; null when the member has no phone
    outbox_key   varchar(120) unique,
    unique (broadcast_id, member_id)
);

-- 远程教育站点
create table remote_site (
    id                   bigserial primary key,
    org_id               bigint       not null references organization (id),
    name                 varchar(100) not null,
    address              varchar(200),
    operator_name        varchar(50),
    operator_phone       varchar(30),
    operator_trained_on  date,
    operator_training    varchar(300),
    monthly_target       int          not null default 4 check (monthly_target >= 0),
    active               boolean      not null default true,
    created_at           timestamptz  not null default now(),
    version              int          not null default 0
);
create index remote_site_org_idx on remote_site (org_id);

create table site_equipment (
    id             bigserial primary key,
    site_id        bigint       not null references remote_site (id) on delete cascade,
    name           varchar(100) not null,
    status         varchar(20)  not null,
    purchase_year  int,
    fault_since    date,
    fault_note     varchar(300),
    created_at     timestamptz  not null default now()
);
create index site_equipment_site_idx on site_equipment (site_id);

create table site_session (
    id          bigserial primary key,
    site_id     bigint       not null references remote_site (id) on delete cascade,
    played_on   date         not null,
    title       varchar(200) not null,
    attendees   int          not null default 0 check (attendees >= 0),
    attendee_names varchar(1000),
    note        varchar(300),
    recorded_by varchar(50),
    created_at  timestamptz  not null default now()
);
create index site_session_site_idx on site_session (site_id, played_on);

-- an alert per site and cause (ref: the month for BELOW_TARGET, the equipment and fault date for EQUIPMENT_DOWN)
create table site_alert (
    id           bigserial primary key,
    site_id      bigint       not null references remote_site (id) on delete cascade,
    kind         varchar(20)  not null,
    ref          varchar(60)  not null,
    detail       varchar(300) not null,
    level        varchar(20)  not null,
    raised_on    date         not null,
    level_since  date         not null,
    resolved_on  date,
    resolution   varchar(300),
    unique (site_id, kind, ref)
);
create index site_alert_open_idx on site_alert (site_id) where resolved_on is null;

-- 流动课堂
create table lecturer (
    id          bigserial primary key,
    name        varchar(50)  not null,
    title       varchar(100),
    unit        varchar(100),
    phone       varchar(30),
    topics      varchar(500),
    active      boolean      not null default true,
    created_at  timestamptz  not null default now()
);

create table classroom_visit (
    id           bigserial primary key,
    org_id       bigint       not null references organization (id),
    visit_on     date         not null,
    topic        varchar(200) not null,
    lecturer_id  bigint references lecturer (id),
    status       varchar(20)  not null default 'PLANNED',
    attendance   int check (attendance >= 0),
    note         varchar(300),
    created_by   varchar(50),
    created_at   timestamptz  not null default now()
);
create index classroom_visit_org_idx on classroom_visit (org_id, visit_on);
