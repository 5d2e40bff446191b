-- Training classes (part A of issue 3): providers, annual plans, class filing and review, timetable,
-- instructor pool, call-up quotas, enrollment with a waitlist and recorded skips.
-- Ids and status columns here are the stable contract that part B (attendance, leave, assessment,
-- certificates, evaluation) builds on: it adds tables referencing training_class, class_session and
-- enrollment, and adds statuses (IN_PROGRESS, COMPLETED, DISMISSED ...) as values of the same columns.

create table training_provider (
    id          bigserial primary key,
    name        varchar(100) not null,
    kind        varchar(30)  not null,
    org_id      bigint       not null references organization (id),
    contact     varchar(100),
    retired     boolean      not null default false,
    created_at  timestamptz  not null default now()
);
create unique index training_provider_name_uk on training_provider (org_id, name);

create table annual_plan (
    id                  bigserial primary key,
    jurisdiction_org_id bigint       not null references organization (id),
    year                int          not null,
    title               varchar(200) not null,
    note                varchar(1000),
    created_by          varchar(50),
    created_at          timestamptz  not null default now(),
    unique (jurisdiction_org_id, year)
);

create table instructor (
    id            bigserial primary key,
    owner_org_id  bigint       not null references organization (id),
    name          varchar(50)  not null,
    kind          varchar(20)  not null,
    unit          varchar(100),
    title         varchar(100),
    topics        varchar(500),
    phone         varchar(30),
    email         varchar(100),
    -- filled by teaching evaluation (part B): running average of scores and how many
    rating_avg    numeric(5, 2),
    rating_count  int          not null default 0,
    active        boolean      not null default true,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now()
);
create index instructor_owner_idx on instructor (owner_org_id);

create table training_class (
    id                       bigserial primary key,
    plan_id                  bigint        not null references annual_plan (id),
    -- the organisation department that approves the filing (its subtree is checked for clashes)
    jurisdiction_org_id      bigint        not null references organization (id),
    -- the unit or provider that files and runs the class
    filer_org_id             bigint        not null references organization (id),
    provider_id              bigint references training_provider (id),
    name                     varchar(200)  not null,
    class_type               varchar(20)   not null,
    starts_on                date          not null,
    ends_on                  date          not null,
    venue                    varchar(200),
    target_rank_levels       text[]        not null default '{}',
    target_staff_categories  text[]        not null default '{}',
    seats                    int           not null check (seats > 0),
    full_time                boolean       not null default true,
    topics                   text[]        not null default '{}',
    budget                   numeric(12, 2),
    description              varchar(2000),
    status                   varchar(20)   not null,
    -- seats taken by ENROLLED trainees; never above seats, whatever the concurrency
    enrolled_count           int           not null default 0,
    waitlist_seq             bigint        not null default 0,
    created_by               varchar(50),
    created_at               timestamptz   not null default now(),
    updated_at               timestamptz   not null default now(),
    filed_at                 timestamptz,
    decided_at               timestamptz,
    version                  int           not null default 0,
    check (ends_on >= starts_on),
    check (enrolled_count >= 0 and enrolled_count <= seats)
);
create index training_class_plan_idx on training_class (plan_id);
create index training_class_dates_idx on training_class (starts_on, ends_on);
create index training_class_status_idx on training_class (status);

-- Filing history: each submission, approval, return (with reasons) and cancellation
create table class_review (
    id          bigserial primary key,
    class_id    bigint       not null references training_class (id) on delete cascade,
    action      varchar(20)  not null,
    reason      varchar(1000),
    actor       varchar(50),
    at          timestamptz  not null default now()
);
create index class_review_class_idx on class_review (class_id, at);

create table class_session (
    id             bigserial primary key,
    class_id       bigint        not null references training_class (id) on delete cascade,
    session_date   date          not null,
    starts_at      time          not null,
    ends_at        time          not null,
    topic          varchar(200)  not null,
    instructor_id  bigint references instructor (id),
    venue          varchar(200),
    hours          numeric(5, 2) not null check (hours > 0),
    status         varchar(20)   not null default 'SCHEDULED',
    sort_order     int           not null default 0,
    check (ends_at > starts_at)
);
create index class_session_class_idx on class_session (class_id, session_date, starts_at);
create index class_session_instructor_idx on class_session (instructor_id, session_date);
create index class_session_date_idx on class_session (session_date);

-- 名额: seats a unit (and the units under it) gets in a class
create table class_quota (
    class_id  bigint not null references training_class (id) on delete cascade,
    org_id    bigint not null references organization (id),
    seats     int    not null check (seats >= 0),
    used      int    not null default 0,
    primary key (class_id, org_id),
    check (used >= 0 and used <= seats)
);

create table enrollment (
    id                bigserial primary key,
    class_id          bigint       not null references training_class (id),
    cadre_id          bigint       not null references cadre (id),
    status            varchar(20)  not null,
    -- NOMINATED by a unit within its quota, NAMED by the organisation department (点名调训)
    source            varchar(20)  not null,
    quota_org_id      bigint references organization (id),
    -- order on the waitlist (per class, increasing); kept after promotion for the record
    waitlist_position bigint,
    nominated_by      varchar(50),
    nominated_at      timestamptz  not null default now(),
    enrolled_at       timestamptz,
    ended_at          timestamptz,
    end_reason        varchar(500),
    version           int          not null default 0
);
create unique index enrollment_active_uk on enrollment (class_id, cadre_id) where status in ('ENROLLED', 'WAITLISTED');
create index enrollment_cadre_idx on enrollment (cadre_id, status);
create index enrollment_class_idx on enrollment (class_id, status, waitlist_position);

-- Every time a waitlisted person is passed over for a freed seat, and why
create table waitlist_skip (
    id             bigserial primary key,
    class_id       bigint       not null references training_class (id) on delete cascade,
    enrollment_id  bigint       not null references enrollment (id) on delete cascade,
    reason_code    varchar(30)  not null,
    reason         varchar(500) not null,
    at             timestamptz  not null default now()
);
create index waitlist_skip_class_idx on waitlist_skip (class_id, at);
