-- The classroom became its own module (issue 19): the event ClassCompleted moved from org.ganxun.training to
-- org.ganxun.classroom. Spring Modulith's publication registry stores the event's class name and the listener's id
-- (naming the parameter type); publications stored before the move would no longer resubmit. The registry's table
-- is created by Spring Modulith (not by a migration), so on a fresh database there is nothing to rename.
do $$
begin
    if to_regclass('event_publication') is not null then
        update event_publication set event_type = 'org.ganxun.classroom.ClassCompleted'
            where event_type = 'org.ganxun.training.ClassCompleted';
        update event_publication
            set listener_id = replace(listener_id, 'org.ganxun.training.ClassCompleted', 'org.ganxun.classroom.ClassCompleted')
            where listener_id like '%org.ganxun.training.ClassCompleted%';
    end if;
end $$;
