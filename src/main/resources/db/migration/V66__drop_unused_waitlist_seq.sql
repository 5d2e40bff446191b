-- Waitlist positions are renumbered 1..n on every change (Enrollments): the class's running counter is no longer used.
alter table training_class drop column waitlist_seq;
