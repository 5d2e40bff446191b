-- Training-needs surveys (培训需求调研): questionnaires as SurveyJS JSON, target groups, returns from every
-- channel, their answers normalised one value a row for counting, forums, and draft-class proposals.

create table survey (
    id            bigserial primary key,
    title         varchar(200) not null,
    purpose       varchar(1000),
    org_id        bigint       not null references organization (id),  -- the organiser; its subtree sees the survey
    anonymous     boolean      not null default true,
    status        varchar(20)  not null default 'DRAFT',                -- DRAFT, OPEN, CLOSED
    model         jsonb        not null default '{"pages":[{"name":"page1","elements":[]}]}',
    public_token  varchar(40)  not null unique,
    starts_on     date,
    ends_on       date,
    created_by    varchar(50)  not null,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    version       int          not null default 0
);
create index survey_org_idx on survey (org_id);

-- A target group: an organisation subtree, optionally narrowed to a rank level and a staff category.
-- issued_count is the number of questionnaires handed out (paper, anonymous links); null = count the
-- matching cadres (named surveys).
create table survey_target (
    id             bigserial primary key,
    survey_id      bigint      not null references survey (id) on delete cascade,
    label          varchar(100) not null,
    org_id         bigint      not null references organization (id),
    rank_level     varchar(20),
    staff_category varchar(40),
    issued_count   int,
    sort_order     int         not null default 0
);
create index survey_target_survey_idx on survey_target (survey_id);

-- One questionnaire returned. The respondent-group columns are a snapshot taken at submission: from the
-- cadre record for named returns, from the questionnaire's profile questions otherwise.
create table survey_return (
    id             bigserial primary key,
    survey_id      bigint      not null references survey (id) on delete cascade,
    target_id      bigint      references survey_target (id) on delete set null,
    channel        varchar(20) not null,                 -- ONLINE, APP, PAPER, IMPORT
    cadre_id       bigint      references cadre (id),
    rank_level     varchar(20),
    staff_category varchar(40),
    township       varchar(100),
    age_band       varchar(20),
    answers        jsonb       not null,
    device_token   varchar(64),
    fingerprint    char(64),
    remote_addr    varchar(64),
    entered_by     varchar(50),
    batch_ref      varchar(60),
    submitted_at   timestamptz not null default now()
);
create index survey_return_survey_idx on survey_return (survey_id);
-- one answer per person to a named survey
create unique index survey_return_person_uq on survey_return (survey_id, cadre_id) where cadre_id is not null;
-- one answer per device, and no identical answer twice from the same client, on an anonymous link
create unique index survey_return_device_uq on survey_return (survey_id, device_token) where device_token is not null;
create unique index survey_return_fingerprint_uq on survey_return (survey_id, fingerprint) where fingerprint is not null;
create index survey_return_addr_idx on survey_return (survey_id, remote_addr, submitted_at) where remote_addr is not null;

-- The answers, one value a row, so that every count is a GROUP BY. question is the SurveyJS name
-- ("q3", or "q7.row2" for a matrix row); rank is the position in a ranking answer.
create table survey_answer_value (
    return_id  bigint       not null references survey_return (id) on delete cascade,
    survey_id  bigint       not null,
    question   varchar(120) not null,
    value      text         not null,
    rank       smallint,
    first      boolean      not null default true   -- the first value of this question in this return: counts the return once
);
create index survey_answer_value_idx on survey_answer_value (survey_id, question, value);
create index survey_answer_value_return_idx on survey_answer_value (return_id);

-- 座谈会
create table survey_forum (
    id          bigserial primary key,
    survey_id   bigint       not null references survey (id) on delete cascade,
    place       varchar(200) not null,
    held_on     date         not null,
    attendees   jsonb        not null default '[]',     -- [{"group": "乡镇机关干部", "count": 6}]
    note        varchar(2000),
    created_at  timestamptz  not null default now()
);
create index survey_forum_survey_idx on survey_forum (survey_id);

create table survey_forum_point (
    id         bigserial primary key,
    forum_id   bigint        not null references survey_forum (id) on delete cascade,
    text       varchar(2000) not null,
    topics     text[]        not null default '{}'     -- question names of the questionnaire
);
create index survey_forum_point_forum_idx on survey_forum_point (forum_id);

-- Draft classes proposed to the annual plan (consumed by the training module through SurveyTopicsProposed).
create table survey_class_proposal (
    id             bigserial primary key,
    survey_id      bigint        not null references survey (id) on delete cascade,
    kind           varchar(20)   not null,              -- TOPIC (most demanded), UNDERSERVED (least-served group)
    topic          varchar(200)  not null,
    target_group   varchar(200)  not null,
    group_dimension varchar(30),
    group_value    varchar(100),
    demand_count   int           not null,
    respondents    int           not null,
    demand_share   numeric(6, 1) not null,               -- percent, one decimal
    rationale      varchar(1000) not null,
    status         varchar(20)   not null default 'PROPOSED',
    created_at     timestamptz   not null default now()
);
create index survey_class_proposal_survey_idx on survey_class_proposal (survey_id);

-- Who has answered an anonymous survey in the app: kept apart from the answers, so that the person can
-- answer once and be left out of reminders without their answers being linked to them.
create table survey_answered (
    survey_id  bigint      not null references survey (id) on delete cascade,
    cadre_id   bigint      not null references cadre (id),
    at         timestamptz not null default now(),
    primary key (survey_id, cadre_id)
);
