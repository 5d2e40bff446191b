-- A 专题 (theme assignment) made from a needs survey's proposed topic (issue 16, assignment targets "a survey's
-- proposed topic"): the proposal it answers and its topic as it was then; its target group is the group that asked
-- (the proposal's group, turned into the assignment's rank levels, staff categories or unit when saved).
-- A table beside course_assignment (a topic is the exception, not every assignment's column); written in the
-- assignment's transaction by learning.Assignments and gone with the assignment.
create table course_assignment_topic (
    assignment_id      bigint       primary key references course_assignment (id) on delete cascade,
    survey_proposal_id bigint       not null,
    survey_topic       varchar(200) not null
);
