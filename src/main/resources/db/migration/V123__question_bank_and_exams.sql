-- 网络学院 (issue 16, item 5): the question bank, exams and course quizzes, candidates' attempts and answers.

create table exam_question (
    id           bigserial primary key,
    -- the unit whose bank it is: managers of a unit above or equal see and use it
    owner_org_id bigint        not null references organization (id),
    -- SINGLE 单选题, MULTIPLE 多选题, TRUE_FALSE 判断题, FILL 填空题, SHORT 简答题 (graded by a person)
    kind         varchar(12)   not null,
    stem         varchar(2000) not null,
    -- the options A–F in their original order (single and multiple choice only)
    options      text[]        not null default '{}',
    -- SINGLE "B"; MULTIPLE "ACD"; TRUE_FALSE "T"/"F"; FILL blanks "|"-separated, alternatives "/"-separated;
    -- SHORT the reference answer shown to the grader
    answer       varchar(2000) not null,
    difficulty   smallint      not null check (difficulty between 1 and 3), -- 1 易 2 中 3 难
    category     varchar(50)   not null,
    explanation  varchar(2000),
    status       varchar(10)   not null default 'ACTIVE',                  -- ACTIVE, RETIRED
    created_by   varchar(50)   not null,
    created_at   timestamptz   not null default now()
);
create index exam_question_owner_idx on exam_question (owner_org_id, category, difficulty) where status = 'ACTIVE';

create table exam (
    id                 bigserial primary key,
    owner_org_id       bigint        not null references organization (id),
    -- the candidates: the cadres of this unit's subtree
    target_org_id      bigint        not null references organization (id),
    title              varchar(100)  not null,
    -- PRE_APPOINTMENT 任前廉政法规知识测试, LAW 学法考试, THEME 主题学习测试, QUIZ 课程测验, OTHER 其他
    purpose            varchar(20)   not null,
    -- a course quiz: completing the course needs it passed
    course_id          bigint        unique references course (id),
    -- [{category, difficulty, count, points}]: drawn per candidate
    blueprint          jsonb         not null,
    total_score        numeric(7, 2) not null,
    pass_score         numeric(7, 2) not null,
    time_limit_minutes int           not null check (time_limit_minutes between 1 and 600),
    max_attempts       int           not null check (max_attempts between 1 and 20),
    counts             varchar(4)    not null,                               -- BEST, LAST
    opens_at           timestamptz,
    closes_at          timestamptz,
    status             varchar(10)   not null default 'DRAFT',               -- DRAFT, PUBLISHED, CLOSED
    created_by         varchar(50)   not null,
    created_at         timestamptz   not null default now(),
    published_at       timestamptz
);
create index exam_target_idx on exam (target_org_id) where status = 'PUBLISHED';

create table exam_attempt (
    id             bigserial primary key,
    exam_id        bigint        not null references exam (id),
    cadre_id       bigint        not null references cadre (id),
    attempt_no     int           not null,
    -- the paper as drawn: [{q: question id, o: [original option indexes in the order shown]}]
    paper          jsonb         not null,
    started_at     timestamptz   not null default now(),
    -- kept by the server: answers after it (and a short grace) are refused
    deadline_at    timestamptz   not null,
    submitted_at   timestamptz,
    status         varchar(12)   not null default 'IN_PROGRESS',         -- IN_PROGRESS, SUBMITTED (awaiting grading), GRADED
    auto_score     numeric(7, 2),
    score          numeric(7, 2),
    passed         boolean,
    unique (exam_id, cadre_id, attempt_no)
);
create index exam_attempt_cadre_idx on exam_attempt (cadre_id, exam_id);

create table exam_answer (
    attempt_id  bigint        not null references exam_attempt (id) on delete cascade,
    question_id bigint        not null references exam_question (id),
    -- the candidate's answer in the original keys ("AC", "T", blanks "|"-separated, free text)
    response    varchar(4000),
    max_score   numeric(7, 2) not null,
    score       numeric(7, 2),
    correct     boolean,
    graded_by   varchar(50),
    graded_at   timestamptz,
    answered_at timestamptz,
    primary key (attempt_id, question_id)
);
