-- learning publishes a course's name, category, owner and state for the modules that refer to a course (the exam
-- module's course quizzes); its media, hours and progress stay learning's. Ownership: platform.db.TableOwners.
create view course_card as
    select id, title, category, lecturer, status, owner_org_id, hours, available_from, available_until
    from course;
