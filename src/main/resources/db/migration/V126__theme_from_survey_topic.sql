-- A 专题 (theme assignment) made from a needs survey's proposed topic (issue 16, assignment targets "a survey's
-- proposed topic"): the proposal it answers and its topic as it was then; its target group is the group that asked
-- (the proposal's group, turned into the assignment's rank levels, staff categories or unit when saved).
-- A table beside course_assignment rather than columns of it: this migration's version comes before the one that
-- creates course_assignment (V135), so it can neither alter it nor reference it; learning.Assignments keeps the two
-- together (written in the assignment's transaction, deleted with it).
create table course_assignment_topic (
    assignment_id      bigint       primary key,
    survey_proposal_id bigint       not null,
    survey_topic       varchar(200) not null
);
