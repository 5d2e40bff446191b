-- The scheduler's settings kept per jurisdiction (issue 17 item 3): the busy seasons of each trainee group, the share of
-- a unit's staff that may be away in one week (工学矛盾) and the instructors' preferred start days. Kept by the
-- organisation department (PLAN_MANAGE) whose scope covers the jurisdiction; the nearest jurisdiction above a planner
-- that has settings governs their runs, else the defaults.
create table scheduling_settings (
    org_id          bigint primary key references organization (id),
    max_unit_share  numeric(4, 3) not null,
    updated_by      varchar(100)  not null,
    updated_at      timestamptz   not null default now()
);
create table scheduling_season (
    id            bigserial primary key,
    org_id        bigint       not null references scheduling_settings (org_id) on delete cascade,
    position      int          not null,
    name          varchar(20)  not null,
    target_group  varchar(50),
    from_md       char(5)      not null,
    to_md         char(5)      not null
);
create index scheduling_season_org_idx on scheduling_season (org_id);
create table scheduling_preference (
    org_id         bigint      not null references scheduling_settings (org_id) on delete cascade,
    instructor_id  bigint      not null references instructor (id) on delete cascade,
    days           varchar(30) not null, -- ISO days of the week, comma-separated: 1 = Monday … 7 = Sunday
    primary key (org_id, instructor_id)
);
