-- SCORM (issue 16): a package's SCOs (a multi-SCO package plays as a table of contents) and each learner's run-time
-- state per SCO, so a SCO resumes where it was left (cmi.suspend_data, cmi.core.lesson_location / cmi.location)
-- on any device. Sizes are the SCORM limits: suspend data 4096 characters in 1.2 and 64000 in 2004, location 255
-- in 1.2 and 1000 in 2004 (the player refuses more, the server keeps no more).
-- [{id, title, launch}] in the default organization's order; null for a single-SCO package and for other media
alter table course_medium add column scos jsonb;

create table scorm_state (
    cadre_id     bigint        not null references cadre (id),
    course_id    bigint        not null references course (id) on delete cascade,
    -- the item identifier of the SCO in the manifest; '' for a single-SCO package
    sco_id       varchar(200)  not null,
    status       varchar(20),                                    -- PackageStatus: passed, completed, incomplete …
    location     varchar(1000),
    suspend_data text          check (length(suspend_data) <= 64000),
    updated_at   timestamptz   not null default now(),
    primary key (cadre_id, course_id, sco_id)
);
create index scorm_state_course_idx on scorm_state (course_id);
