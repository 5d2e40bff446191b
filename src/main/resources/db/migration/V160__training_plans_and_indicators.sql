-- Five-year training plans (培训规划) and their quantified indicators (量化指标), issue 17 item 1.
-- An indicator's definition is data: a kind the code computes, the target group it counts, the kind's
-- parameters, and a target for each year of the plan. Figures are computed on demand from the roster and the
-- learning archive (nothing is stored), for any year and any subtree within the reader's data scope.

create table training_plan (
    id                  bigserial primary key,
    jurisdiction_org_id bigint        not null references organization (id),
    title               varchar(200)  not null,
    start_year          int           not null check (start_year between 2000 and 2100),
    end_year            int           not null check (end_year between 2000 and 2100),
    note                varchar(2000),
    created_by          varchar(50),
    created_at          timestamptz   not null default now(),
    updated_at          timestamptz   not null default now(),
    version             int           not null default 0,
    check (end_year >= start_year and end_year - start_year < 10)
);
create index training_plan_jurisdiction_idx on training_plan (jurisdiction_org_id);

create table plan_indicator (
    id                bigserial primary key,
    plan_id           bigint        not null references training_plan (id) on delete cascade,
    sort_order        int           not null default 0,
    name              varchar(200)  not null,
    -- COVERAGE, ATTAINMENT, HOURS_PER_HEAD, UNTRAINED_SHARE (IndicatorKind)
    kind              varchar(30)   not null,
    -- target group: empty arrays and nulls mean "any"
    rank_levels       text[]        not null default '{}',
    staff_categories  text[]        not null default '{}',
    leadership        boolean,
    party_member      boolean,
    max_age           int check (max_age is null or max_age between 18 and 70),
    -- COVERAGE / UNTRAINED_SHARE: the years counted, ending with the year asked (null: since the plan's first year)
    window_years      int check (window_years is null or window_years between 1 and 10),
    -- COVERAGE: only 脱产 (full-time) courses count
    full_time_only    boolean       not null default false,
    -- ATTAINMENT / HOURS_PER_HEAD: which hours count: ALL, ONLINE, NOT_ONLINE
    delivery          varchar(20)   not null default 'ALL',
    -- ATTAINMENT: met with this many hours in the year, or (when set) this many days
    threshold_hours   numeric(7, 2) check (threshold_hours is null or threshold_hours > 0),
    threshold_days    numeric(6, 2) check (threshold_days is null or threshold_days > 0),
    -- the compliance requirement the indicator mirrors (e.g. TOWNSHIP_YEARLY), shown beside it
    requirement_code  varchar(40),
    note              varchar(1000)
);
create index plan_indicator_plan_idx on plan_indicator (plan_id, sort_order);

create table plan_indicator_target (
    indicator_id bigint        not null references plan_indicator (id) on delete cascade,
    year         int           not null,
    target       numeric(8, 2) not null check (target >= 0),
    primary key (indicator_id, year)
);
