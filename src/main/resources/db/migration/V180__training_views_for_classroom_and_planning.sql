-- Issue 19: the classroom and planning read training's records through views training publishes instead of naming
-- its tables (ownership: platform.db.TableOwners; ModularityTest checks). Writes go through training's services.

-- a class's timetable: what check-in, leave, completion and evaluation read of a session
create view session_card as
    select id, class_id, session_date, starts_at, ends_at, topic, instructor_id, venue, hours, status, sort_order
    from class_session;

-- a person's place in a class. Personal data: declared in training.internal.TrainingPersonalData, so a read through it
-- needs the scope mark as the table does.
create view enrollment_card as
    select id, class_id, cadre_id, status, source, quota_org_id, waitlist_position, nominated_at, enrolled_at, ended_at,
           end_reason
    from enrollment;

-- an instructor of the pool as reports name them, with the rating teaching evaluation keeps (no phone, no e-mail)
create view instructor_card as
    select id, owner_org_id, name, kind, unit, title, rating_avg, rating_count, active
    from instructor;

-- the class card gains what the classroom shows and the budget selects by: check-in settings, when it was completed,
-- its provider's name and its annual plan's year (new columns go last: create or replace keeps the old ones in place;
-- left joins on keys the plan drops when a query does not use them)
create or replace view class_card as
    select tc.id, tc.plan_id, tc.jurisdiction_org_id, tc.filer_org_id, tc.provider_id, tc.name, tc.class_type, tc.starts_on,
           tc.ends_on, tc.venue, tc.seats, tc.full_time, tc.status, tc.checkin_code_seconds, tc.late_grace_minutes,
           tc.completed_at, tp.name as provider_name, ap.year as plan_year
    from training_class tc
    left join training_provider tp on tp.id = tc.provider_id
    left join annual_plan ap on ap.id = tc.plan_id;
