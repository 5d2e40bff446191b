-- Training needs drawn from surveys (issue 17 item 2): each draft-class proposal of a survey (SurveyTopicsProposed)
-- lands here for its jurisdiction and year, keeping its origin; a planner turns it into a draft class of the annual
-- plan (class_id), so the plan shows which needs it answers and which it leaves open.
create table plan_need (
    id            bigserial primary key,
    org_id        bigint        not null references organization (id),
    year          int           not null,
    survey_id     bigint        not null,
    survey_title  varchar(200)  not null,
    proposal_id   bigint        not null,
    kind          varchar(20)   not null,
    topic         varchar(200)  not null,
    target_group  varchar(200),
    demand_count  int           not null,
    respondents   int           not null,
    demand_share  numeric(5, 1),
    rationale     varchar(1000),
    class_id      bigint references training_class (id) on delete set null,
    created_at    timestamptz   not null default now(),
    unique (survey_id, proposal_id)
);
create index plan_need_org_year_idx on plan_need (org_id, year);
