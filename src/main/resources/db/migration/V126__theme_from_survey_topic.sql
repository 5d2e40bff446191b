-- A 专题 (theme assignment) made from a needs survey's proposed topic (issue 16, assignment targets "a survey's
-- proposed topic"): the proposal it answers and its topic as it was then; its target group is the group that asked
-- (survey_class_proposal's group, turned into the assignment's rank levels, staff categories or unit when saved).
alter table course_assignment add column survey_proposal_id bigint;
alter table course_assignment add column survey_topic       varchar(200);
