-- Secondment (挂职锻炼): programmes with posts and budgets, candidates and their scores, postings with
-- work logs, rotations, mid-term reviews, expenses, forums, and evaluations.
-- Scores are numeric(6,2); shares and composites are computed by the application with BigDecimal.

create table secondment_programme (
    id                      bigserial primary key,
    name                    varchar(100) not null,
    direction               varchar(20)  not null,          -- OUTWARD / DOWNWARD / UPWARD / FIRST_SECRETARY
    organiser_org_id        bigint       not null references organization (id),
    starts_on               date         not null,
    ends_on                 date         not null,
    description             text,
    budget_housing          numeric(12, 2) not null default 0,
    budget_transport        numeric(12, 2) not null default 0,
    budget_travel           numeric(12, 2) not null default 0,
    -- eligibility bounds (null = no bound)
    max_age                 int,
    min_service_years       int,
    rank_levels             text,                            -- comma-separated RankLevel names; null = any
    -- selection weights (percent, sum 100)
    weight_written          numeric(5, 2) not null default 40,
    weight_interview        numeric(5, 2) not null default 40,
    weight_recommendation   numeric(5, 2) not null default 20,
    -- evaluation weights (percent, sum 100) and grade thresholds
    eval_weight_logs        numeric(5, 2) not null default 10,
    eval_weight_duty_report numeric(5, 2) not null default 20,
    eval_weight_appraisal   numeric(5, 2) not null default 40,
    eval_weight_interviews  numeric(5, 2) not null default 15,
    eval_weight_verification numeric(5, 2) not null default 15,
    grade_excellent_min     numeric(5, 2) not null default 90,
    grade_competent_min     numeric(5, 2) not null default 75,
    grade_basic_min         numeric(5, 2) not null default 60,
    log_cadence_days        int          not null default 7,
    created_at              timestamptz  not null default now(),
    updated_at              timestamptz  not null default now(),
    version                 int          not null default 0,
    constraint secondment_programme_period check (ends_on >= starts_on)
);
create index secondment_programme_organiser_idx on secondment_programme (organiser_org_id);

create table secondment_sender (
    programme_id bigint not null references secondment_programme (id) on delete cascade,
    org_id       bigint not null references organization (id),
    primary key (programme_id, org_id)
);

create table secondment_post (
    id               bigserial primary key,
    programme_id     bigint       not null references secondment_programme (id) on delete cascade,
    receiving_org_id bigint       not null references organization (id),
    title            varchar(100) not null,
    duties           text,
    seats            int          not null default 1,
    created_at       timestamptz  not null default now()
);
create index secondment_post_programme_idx on secondment_post (programme_id);

create table secondment_candidate (
    id                   bigserial primary key,
    programme_id         bigint       not null references secondment_programme (id) on delete cascade,
    cadre_id             bigint       not null references cadre (id),
    sending_org_id       bigint       not null references organization (id),
    source               varchar(20)  not null,             -- RESERVE_POOL / SELF / PUBLIC / ORGANISATION
    recommended_by       varchar(100) not null,
    recommended_by_user  bigint,
    recommendation_note  varchar(500),
    registered_at        timestamptz  not null default clock_timestamp(),
    written_score        numeric(6, 2),
    interview_score      numeric(6, 2),
    recommendation_score numeric(6, 2),
    status               varchar(20)  not null default 'REGISTERED', -- REGISTERED / SELECTED / NOT_SELECTED / REFUSED
    decided_at           timestamptz,
    decided_by           varchar(50),
    refusal_reason       varchar(500),
    refused_at           timestamptz,
    refused_by           varchar(50),
    version              int          not null default 0,
    unique (programme_id, cadre_id)
);
create index secondment_candidate_cadre_idx on secondment_candidate (cadre_id);

create table secondment_posting (
    id               bigserial primary key,
    programme_id     bigint      not null references secondment_programme (id),
    candidate_id     bigint      not null references secondment_candidate (id),
    cadre_id         bigint      not null references cadre (id),
    post_id          bigint      not null references secondment_post (id),
    sending_org_id   bigint      not null references organization (id),
    receiving_org_id bigint      not null references organization (id),
    starts_on        date        not null,
    ends_on          date        not null,
    status           varchar(20) not null default 'ACTIVE',  -- ACTIVE / CANCELLED
    created_at       timestamptz not null default now(),
    version          int         not null default 0,
    constraint secondment_posting_period check (ends_on >= starts_on)
);
create index secondment_posting_cadre_idx on secondment_posting (cadre_id, starts_on);
create index secondment_posting_programme_idx on secondment_posting (programme_id);
create index secondment_posting_receiving_idx on secondment_posting (receiving_org_id);

-- Rotation across posts: the posting's earlier posts, so that a former receiving unit keeps its history.
create table secondment_rotation (
    id                    bigserial primary key,
    posting_id            bigint       not null references secondment_posting (id) on delete cascade,
    from_post_id          bigint       not null references secondment_post (id),
    from_receiving_org_id bigint       not null references organization (id),
    to_post_id            bigint       not null references secondment_post (id),
    rotated_on            date         not null,
    reason                varchar(500),
    created_by            varchar(50),
    created_at            timestamptz  not null default now()
);
create index secondment_rotation_posting_idx on secondment_rotation (posting_id);

create table secondment_log (
    id           bigserial primary key,
    posting_id   bigint       not null references secondment_posting (id) on delete cascade,
    written_on   date         not null,
    content      text         not null,
    created_at   timestamptz  not null default now(),
    comment      text,
    commented_by varchar(50),
    commented_at timestamptz
);
create index secondment_log_posting_idx on secondment_log (posting_id, written_on);

create table secondment_review (
    id          bigserial primary key,
    posting_id  bigint       not null references secondment_posting (id) on delete cascade,
    reviewed_on date         not null,
    findings    text         not null,
    conclusion  varchar(20)  not null,                       -- GOOD / FAIR / NEEDS_IMPROVEMENT
    created_by  varchar(50),
    created_at  timestamptz  not null default now()
);

create table secondment_expense (
    id          bigserial primary key,
    posting_id  bigint         not null references secondment_posting (id) on delete cascade,
    category    varchar(20)    not null,                     -- HOUSING / TRANSPORT / TRAVEL
    amount      numeric(12, 2) not null check (amount > 0),
    spent_on    date           not null,
    note        varchar(500),
    created_by  varchar(50),
    created_at  timestamptz    not null default now()
);
create index secondment_expense_posting_idx on secondment_expense (posting_id);

create table secondment_forum (
    id           bigserial primary key,
    programme_id bigint       not null references secondment_programme (id) on delete cascade,
    title        varchar(200) not null,
    held_on      date         not null,
    place        varchar(200),
    attendees    text,
    created_by   varchar(50),
    created_at   timestamptz  not null default now()
);

create table secondment_forum_point (
    id        bigserial primary key,
    forum_id  bigint       not null references secondment_forum (id) on delete cascade,
    raised_by varchar(100),
    content   text         not null,
    response  text
);

create table secondment_evaluation (
    id                   bigserial primary key,
    posting_id           bigint        not null references secondment_posting (id) on delete cascade,
    kind                 varchar(20)   not null,             -- REGULAR / FINAL
    evaluated_on         date          not null,
    expected_logs        int           not null,
    written_logs         int           not null,
    log_score            numeric(6, 2) not null,
    duty_report_score    numeric(6, 2) not null,
    ballots_excellent    int           not null default 0,
    ballots_competent    int           not null default 0,
    ballots_basic        int           not null default 0,
    ballots_incompetent  int           not null default 0,
    appraisal_score      numeric(6, 2) not null,
    interview_score      numeric(6, 2) not null,
    interview_notes      text,
    verification_score   numeric(6, 2) not null,
    verification_notes   text,
    total_score          numeric(6, 2) not null,
    grade                varchar(30)   not null,
    comment              text,
    created_by           varchar(50),
    created_at           timestamptz   not null default now()
);
create index secondment_evaluation_posting_idx on secondment_evaluation (posting_id);
create unique index secondment_evaluation_final_idx on secondment_evaluation (posting_id) where kind = 'FINAL';

-- Order of rank for "promoted": 科员及以下 0, 乡科级副职 2 / 正职 3, 县处级 4 / 5, 厅局级 6 / 7, 省部级 8 / 9
-- (a leading level without 正/副 counts as 副职).
create function secondment_rank_value(level varchar, grade varchar) returns int
    language sql immutable as $$
    select case level
               when 'STAFF' then 0
               when 'TOWNSHIP' then 2
               when 'COUNTY' then 4
               when 'BUREAU' then 6
               when 'PROVINCIAL' then 8
           end + case when level <> 'STAFF' and grade = 'PRINCIPAL' then 1 else 0 end
$$;
