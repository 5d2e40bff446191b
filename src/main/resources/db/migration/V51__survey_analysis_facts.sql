-- Survey analysis without joins and without segmenting at analysis time (issue 5, speed goal).
--
-- 1. Respondent groups: each distinct combination of the four group facts (rank level, staff category,
--    township, age band) once; every answer value carries its return's group id, so the cross-tabs are one
--    GROUP BY over the values (no join to the returns, one small int instead of four strings).
-- 2. Keywords: an open answer is segmented (HanLP) once when it is stored; its distinct content words are kept
--    on the value row, so the analysis only counts them. Existing open answers are segmented by the application
--    at startup (SQL cannot segment Chinese): the surveys to do are those with keywords_ready = false.

create table survey_respondent_group (
    id             serial primary key,
    rank_level     varchar(20),
    staff_category varchar(40),
    township       varchar(100),
    age_band       varchar(20)
);
create unique index survey_respondent_group_uq on survey_respondent_group (rank_level, staff_category, township, age_band)
    nulls not distinct;

alter table survey_answer_value add column group_id int references survey_respondent_group (id);
-- the distinct content words of an open answer; null for choice values (and for open answers not yet segmented)
alter table survey_answer_value add column keywords text[];
alter table survey add column keywords_ready boolean not null default true;

-- backfill the groups of existing returns
insert into survey_respondent_group (rank_level, staff_category, township, age_band)
select distinct rank_level, staff_category, township, age_band from survey_return
on conflict do nothing;

update survey_answer_value v set group_id = g.id
from survey_return r, survey_respondent_group g
where r.id = v.return_id
  and g.rank_level is not distinct from r.rank_level and g.staff_category is not distinct from r.staff_category
  and g.township is not distinct from r.township and g.age_band is not distinct from r.age_band;

alter table survey_answer_value alter column group_id set not null;

-- open answers already stored wait for the application's segmentation (SurveyKeywordBackfill)
update survey s set keywords_ready = false where exists (select 1 from survey_return r where r.survey_id = s.id);

-- give the planner the groups' real size at once (the analysis hashes all its grouping sets when it knows it)
analyze survey_respondent_group;
