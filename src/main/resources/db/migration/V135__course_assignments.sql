-- 网络学院 assignments (issue 16 item 2): required courses (必修) and course lists (专题, e.g. this year's theme
-- study) given to target groups for a period. A cadre is targeted when named, or when they match every group that
-- is filled in (units with their subtrees, rank levels, staff categories); always only active cadres under the
-- assigning unit. Targets are worked out at read time, so a cadre who moves into a targeted unit is targeted.
create table course_assignment (
    id                      bigserial primary key,
    kind                    varchar(10)   not null,                 -- REQUIRED 必修, THEME 专题
    title                   varchar(100)  not null,
    description             varchar(1000),
    -- the assigning clerk's unit: targets and the courses' audience lie within its subtree
    owner_org_id            bigint        not null references organization (id),
    starts_on               date          not null,
    due_on                  date          not null,
    target_org_ids          bigint[]      not null default '{}',
    target_rank_levels      text[]        not null default '{}',
    target_staff_categories text[]        not null default '{}',
    target_cadre_ids        bigint[]      not null default '{}',
    created_by              varchar(50)   not null,
    created_at              timestamptz   not null default now(),
    cancelled_at            timestamptz,
    check (due_on >= starts_on)
);
create index course_assignment_owner_idx on course_assignment (owner_org_id);
create index course_assignment_due_idx on course_assignment (due_on) where cancelled_at is null;

create table course_assignment_course (
    assignment_id bigint not null references course_assignment (id) on delete cascade,
    course_id     bigint not null references course (id),
    sort_order    int    not null default 0,
    primary key (assignment_id, course_id)
);
create index course_assignment_course_course_idx on course_assignment_course (course_id);
