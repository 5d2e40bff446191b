-- 网络学院 (issue 16): courses, their media (stored under the data directory), study progress per learner and
-- course, study sessions, and the heartbeats that were not credited (the integrity evidence).

create table course (
    id              bigserial primary key,
    title           varchar(100) not null,
    -- POLITICAL_THEORY 政治理论, POLICY_LAW 政策法规, BUSINESS 业务知识, CULTURE 文化素养, SKILLS 技能训练
    category        varchar(20)  not null,
    lecturer        varchar(50),
    description     varchar(2000),
    tags            varchar(200),
    status          varchar(20)  not null default 'DRAFT',   -- DRAFT, PUBLISHED, WITHDRAWN
    -- the unit that offers it: cadres of its subtree see it once published
    owner_org_id    bigint       not null references organization (id),
    -- 学时, computed by the server from the medium's duration with the rule set's online-course bands
    hours           numeric(5, 2),
    hours_note      varchar(300),
    available_from  date,
    available_until date,
    created_by      varchar(50)  not null,
    created_at      timestamptz  not null default now(),
    published_at    timestamptz,
    check (available_until is null or available_from is null or available_until >= available_from)
);
create index course_owner_idx on course (owner_org_id);

-- one medium per course in this version
create table course_medium (
    id               bigserial primary key,
    course_id        bigint       not null unique references course (id) on delete cascade,
    kind             varchar(10)  not null,                  -- VIDEO, AUDIO, DOCUMENT
    stored_path      varchar(300) not null,                  -- relative to the media directory
    original_name    varchar(200),
    content_type     varchar(60)  not null,
    size_bytes       bigint       not null,
    -- read from the file by the server, never from the browser; a document's nominal duration is pages × the
    -- minimum reading time per page
    duration_seconds int          not null check (duration_seconds >= 0),
    pages            int,
    sha256           char(64)     not null,
    uploaded_at      timestamptz  not null default now()
);

create table study_progress (
    id               bigserial primary key,
    cadre_id         bigint       not null references cadre (id),
    course_id        bigint       not null references course (id) on delete cascade,
    credited_seconds int          not null default 0,
    -- media: the credited parts "0-120,300-360"; documents: seconds per page "30,12,0"
    covered          text         not null default '',
    resume_at        numeric(9, 2) not null default 0,        -- where crediting last stopped
    started_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    completed_at     timestamptz,
    unique (cadre_id, course_id)
);

create table study_session (
    id           bigserial primary key,
    cadre_id     bigint       not null references cadre (id),
    course_id    bigint       not null references course (id) on delete cascade,
    user_id      bigint       not null,
    started_at   timestamptz  not null default now(),
    ended_at     timestamptz,
    -- ACTIVE, SUPERSEDED (the learner started another session), ENDED
    status       varchar(20)  not null default 'ACTIVE',
    user_agent   varchar(300)
);
create index study_session_cadre_idx on study_session (cadre_id, started_at desc);

-- heartbeats that credited nothing for a reason that is evidence (too fast, parallel, hidden, presence check
-- missed, gap, skip, replay); credited heartbeats only move study_progress
create table study_refusal (
    id          bigserial primary key,
    session_id  bigint       not null references study_session (id) on delete cascade,
    cadre_id    bigint       not null,
    course_id   bigint       not null,
    at          timestamptz  not null default now(),
    seq         bigint       not null,
    position    numeric(9, 2) not null,
    reason      varchar(20)  not null,
    detail      varchar(200)
);
create index study_refusal_cadre_idx on study_refusal (cadre_id, at desc);
create index study_refusal_course_idx on study_refusal (course_id);
