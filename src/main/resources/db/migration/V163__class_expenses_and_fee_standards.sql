-- Budgets and spending (issue 17 item 4): the training-fee standards (综合定额 per person-day by class tier, lecture-fee
-- caps by lecturer title) as data, a class's fee profile (its tier and headcount), and its actual expenses by the
-- categories of the rules. Default set: 中央和国家机关培训费管理办法 (财行〔2016〕540号) 第十条、第十一条; a
-- jurisdiction may keep its own set (its local 办法), found by walking up from the class's approving department.

create table fee_standard (
    id                  bigserial primary key,
    -- null: the default (central) set; else the jurisdiction whose subtree it governs
    jurisdiction_org_id bigint references organization (id),
    name                varchar(200)  not null,
    source              varchar(500)  not null,
    -- days up to this count at the full standard; days beyond at long_rate (540号 第十条: 30 days, 70%)
    long_after_days     int           not null default 30 check (long_after_days between 1 and 366),
    long_rate           numeric(4, 2) not null default 0.70 check (long_rate > 0 and long_rate <= 1),
    updated_by          varchar(50),
    updated_at          timestamptz   not null default now()
);
create unique index fee_standard_org_uk on fee_standard (coalesce(jurisdiction_org_id, 0));

create table fee_cap (
    standard_id bigint        not null references fee_standard (id) on delete cascade,
    -- DAILY: per person-day by class tier (ONE/TWO/THREE) and item (ACCOMMODATION, MEALS, VENUE_MATERIALS_TRANSPORT,
    -- OTHER); LECTURE: per 学时 after tax by lecturer title (DEPUTY_SENIOR, SENIOR, ACADEMICIAN), item LECTURE
    kind        varchar(10)   not null,
    tier        varchar(20)   not null,
    item        varchar(30)   not null,
    amount      numeric(12, 2) not null check (amount >= 0),
    primary key (standard_id, kind, tier, item)
);

insert into fee_standard (jurisdiction_org_id, name, source)
values (null, '中央和国家机关培训费标准（默认）',
        '《中央和国家机关培训费管理办法》（财行〔2016〕540号）第十条（综合定额标准，元/人天）、第十一条（讲课费，税后，元/学时）');
insert into fee_cap (standard_id, kind, tier, item, amount)
select s.id, v.kind, v.tier, v.item, v.amount from fee_standard s, (values
    ('DAILY', 'ONE', 'ACCOMMODATION', 500), ('DAILY', 'ONE', 'MEALS', 150),
    ('DAILY', 'ONE', 'VENUE_MATERIALS_TRANSPORT', 80), ('DAILY', 'ONE', 'OTHER', 30),
    ('DAILY', 'TWO', 'ACCOMMODATION', 400), ('DAILY', 'TWO', 'MEALS', 150),
    ('DAILY', 'TWO', 'VENUE_MATERIALS_TRANSPORT', 70), ('DAILY', 'TWO', 'OTHER', 30),
    ('DAILY', 'THREE', 'ACCOMMODATION', 340), ('DAILY', 'THREE', 'MEALS', 130),
    ('DAILY', 'THREE', 'VENUE_MATERIALS_TRANSPORT', 50), ('DAILY', 'THREE', 'OTHER', 30),
    ('LECTURE', 'DEPUTY_SENIOR', 'LECTURE', 500), ('LECTURE', 'SENIOR', 'LECTURE', 1000),
    ('LECTURE', 'ACADEMICIAN', 'LECTURE', 1500)) as v(kind, tier, item, amount)
where s.jurisdiction_org_id is null;

-- A class's fee profile: its tier (一类/二类/三类, by whom it trains) and the headcount its person-days are counted on.
create table class_fee_profile (
    class_id      bigint      not null primary key references training_class (id) on delete cascade,
    tier          varchar(10) not null default 'THREE',
    -- trainees counted (null: the class's enrolled and finished trainees) and staff (工作人员) beside them
    trainee_count int check (trainee_count is null or trainee_count between 0 and 100000),
    staff_count   int         not null default 0 check (staff_count between 0 and 10000),
    updated_by    varchar(50),
    updated_at    timestamptz not null default now()
);

create table class_expense (
    id             bigserial primary key,
    class_id       bigint         not null references training_class (id) on delete cascade,
    -- ACCOMMODATION 住宿费, MEALS 伙食费, VENUE 场地费, LECTURE 讲课费, MATERIALS 资料费, TRANSPORT 交通费, OTHER 其他
    category       varchar(20)    not null,
    amount         numeric(12, 2) not null check (amount > 0 and amount <= 99999999.99),
    spent_on       date           not null,
    -- LECTURE: whom, their title's tier and the 学时 paid for
    instructor_id  bigint references instructor (id),
    lecturer_name  varchar(50),
    lecturer_title varchar(20),
    hours          numeric(6, 2) check (hours is null or hours > 0),
    note           varchar(500),
    created_by     varchar(50),
    created_at     timestamptz    not null default now(),
    check (category <> 'LECTURE' or (lecturer_name is not null and lecturer_title is not null and hours is not null))
);
create index class_expense_class_idx on class_expense (class_id);

-- The evaluation report's own words (issue 17 item 5): 主要做法 and 下步打算 per plan and year, written in the platform.
create table plan_report_text (
    plan_id    bigint       not null references training_plan (id) on delete cascade,
    year       int          not null,
    practices  text,
    next_steps text,
    updated_by varchar(50),
    updated_at timestamptz  not null default now(),
    primary key (plan_id, year),
    check (length(practices) <= 20000 and length(next_steps) <= 20000)
);
