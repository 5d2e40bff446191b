-- Survey → plan, whole (issue 17 item 2): a draft-class proposal names the survey question it comes from, and the
-- training need keeps it with the group that asked (so the draft class derives its target group from it). plan_need is
-- the link between a survey's proposal and the draft class that answers it (class_id): the origin is data there.
alter table survey_class_proposal add column question_name varchar(100), add column question_title varchar(500);
alter table plan_need add column question_name varchar(100), add column question_title varchar(500),
    add column group_dimension varchar(30), add column group_value varchar(100);
create index plan_need_class_idx on plan_need (class_id);
