-- Training classes part B (issue 3): check-in and roll call, leave, assessment and completion with rules
-- as data, certificates, anonymous teaching evaluation.

-- Per-class settings of the classroom (defaults apply to every class)
alter table training_class
    add column checkin_code_seconds int not null default 60 check (checkin_code_seconds between 15 and 600),
    add column late_grace_minutes   int not null default 10 check (late_grace_minutes between 0 and 240),
    add column completed_at         timestamptz,
    add column completed_by         varchar(50);

-- Completion rules are data with their source. Rows with class_id null are the defaults; a class's own row
-- with the same code replaces the default for that class. share = numerator / denominator of the class's 学时.
create table completion_rule (
    id           bigserial primary key,
    class_id     bigint references training_class (id) on delete cascade,
    code         varchar(30)   not null,
    title        varchar(100)  not null,
    numerator    int           not null check (numerator >= 0),
    denominator  int           not null check (denominator > 0),
    outcome      varchar(20)   not null,
    source       varchar(300)  not null,
    updated_by   varchar(50),
    updated_at   timestamptz   not null default now()
);
create unique index completion_rule_default_uk on completion_rule (code) where class_id is null;
create unique index completion_rule_class_uk on completion_rule (class_id, code) where class_id is not null;

insert into completion_rule (class_id, code, title, numerator, denominator, outcome, source) values
    (null, 'LEAVE_SHARE', '请假累计不得超过总学时的七分之一', 1, 7, 'DISMISSED',
     '《干部教育培训工作条例》（2023）第十五条：参加脱产培训的干部请假累计超过总学时七分之一的，应当予以退学'),
    (null, 'ABSENCE_SHARE', '缺课不得超过总学时的十分之一', 1, 10, 'NO_CERTIFICATE',
     '本地规定（种子报告002）：凡缺课时间超过总课时十分之一以上的，不得发给结业证书');

-- One row per trainee and session: stored exactly once, whoever marks it and however often
create table attendance (
    id             bigserial primary key,
    session_id     bigint       not null references class_session (id) on delete cascade,
    enrollment_id  bigint       not null references enrollment (id) on delete cascade,
    status         varchar(20)  not null,
    method         varchar(20)  not null,
    checked_in_at  timestamptz  not null default now(),
    marked_by      varchar(50),
    note           varchar(300),
    updated_at     timestamptz  not null default now(),
    unique (session_id, enrollment_id)
);
create index attendance_enrollment_idx on attendance (enrollment_id);

-- 请假 / 销假
create table leave_request (
    id             bigserial primary key,
    class_id       bigint        not null references training_class (id) on delete cascade,
    enrollment_id  bigint        not null references enrollment (id) on delete cascade,
    reason         varchar(500)  not null,
    status         varchar(20)   not null,
    hours          numeric(7, 2) not null,
    requested_by   varchar(50),
    requested_at   timestamptz   not null default now(),
    decided_by     varchar(50),
    decided_at     timestamptz,
    decision_note  varchar(500),
    returned_at    timestamptz,
    return_note    varchar(500)
);
create index leave_request_class_idx on leave_request (class_id, status);
create index leave_request_enrollment_idx on leave_request (enrollment_id);

create table leave_request_session (
    leave_id    bigint not null references leave_request (id) on delete cascade,
    session_id  bigint not null references class_session (id) on delete cascade,
    primary key (leave_id, session_id)
);

-- Assessment (考核): components with weights and pass marks, per class
create table assessment_component (
    id         bigserial primary key,
    class_id   bigint        not null references training_class (id) on delete cascade,
    name       varchar(50)   not null,
    weight     numeric(5, 2) not null check (weight >= 0 and weight <= 100),
    pass_mark  numeric(5, 2) not null check (pass_mark >= 0 and pass_mark <= 100),
    sort_order int           not null default 0,
    unique (class_id, name)
);

create table assessment_score (
    enrollment_id  bigint        not null references enrollment (id) on delete cascade,
    component_id   bigint        not null references assessment_component (id) on delete cascade,
    score          numeric(5, 2) not null check (score >= 0 and score <= 100),
    recorded_by    varchar(50),
    recorded_at    timestamptz   not null default now(),
    primary key (enrollment_id, component_id)
);

create table discipline_record (
    id             bigserial primary key,
    class_id       bigint        not null references training_class (id) on delete cascade,
    enrollment_id  bigint        not null references enrollment (id) on delete cascade,
    occurred_on    date          not null,
    description    varchar(500)  not null,
    serious        boolean       not null default false,
    recorded_by    varchar(50),
    recorded_at    timestamptz   not null default now()
);
create index discipline_record_class_idx on discipline_record (class_id);

-- The result of each trainee when the class was completed (the record the event and certificates carry)
create table class_result (
    enrollment_id   bigint primary key references enrollment (id) on delete cascade,
    class_id        bigint        not null references training_class (id) on delete cascade,
    cadre_id        bigint        not null references cadre (id),
    total_hours     numeric(7, 2) not null,
    attended_hours  numeric(7, 2) not null,
    leave_hours     numeric(7, 2) not null,
    absence_hours   numeric(7, 2) not null,
    late_count      int           not null,
    score           numeric(5, 2),
    assessment_passed boolean     not null,
    outcome         varchar(20)   not null,
    passed          boolean       not null,
    hours_earned    numeric(7, 2) not null,
    reasons         text          not null default '',
    completed_on    date          not null,
    computed_at     timestamptz   not null default now()
);
create index class_result_cadre_idx on class_result (cadre_id, completed_on);

-- 结业证书
create table certificate (
    id             bigserial primary key,
    serial         varchar(40)   not null unique,
    enrollment_id  bigint        not null unique references enrollment (id) on delete cascade,
    class_id       bigint        not null references training_class (id) on delete cascade,
    cadre_id       bigint        not null references cadre (id),
    hours          numeric(7, 2) not null,
    issued_at      timestamptz   not null default now(),
    issued_by      varchar(50),
    revoked_at     timestamptz,
    revoked_by     varchar(50),
    revoke_reason  varchar(500)
);
create index certificate_class_idx on certificate (class_id);

-- 评教: criteria (class_id null = defaults), anonymous answers, and one-way tokens against double rating
create table evaluation_criterion (
    id          bigserial primary key,
    class_id    bigint references training_class (id) on delete cascade,
    name        varchar(50)  not null,
    sort_order  int          not null default 0
);
insert into evaluation_criterion (class_id, name, sort_order) values
    (null, '教学内容', 1), (null, '教学方法', 2), (null, '理论联系实际', 3), (null, '授课态度', 4);

-- No trainee id here: only the session (or null for the end-of-class evaluation) and the day
create table evaluation (
    id             bigserial primary key,
    class_id       bigint        not null references training_class (id) on delete cascade,
    session_id     bigint references class_session (id) on delete cascade,
    instructor_id  bigint references instructor (id),
    average        numeric(5, 2) not null,
    comment        varchar(500),
    submitted_on   date          not null default current_date
);
create index evaluation_class_idx on evaluation (class_id, session_id);
create index evaluation_instructor_idx on evaluation (instructor_id, submitted_on);

create table evaluation_score (
    evaluation_id  bigint   not null references evaluation (id) on delete cascade,
    criterion_id   bigint   not null references evaluation_criterion (id),
    score          smallint not null check (score between 1 and 5),
    primary key (evaluation_id, criterion_id)
);

-- HMAC(server key, enrollment id : session id): proves "already rated" without saying who rated what
create table evaluation_token (
    token  varchar(64) primary key
);
