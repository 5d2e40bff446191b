-- A plan's yearly special fund (培训专项资金, issue 17 item 4): what the jurisdiction set aside for cadre training in a
-- year of the plan, compared on the budget page with what its classes spent (separate from each class's own 预算).
create table plan_fund (
    plan_id     bigint        not null references training_plan (id) on delete cascade,
    year        int           not null,
    amount      numeric(14, 2) not null check (amount >= 0),
    note        varchar(500),
    updated_by  varchar(100)  not null,
    updated_at  timestamptz   not null default now(),
    primary key (plan_id, year)
);
