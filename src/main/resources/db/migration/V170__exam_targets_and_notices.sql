-- Exams by rank level and by named cadres (issue 16, item "exams assigned by rank level or named cadres"). The target
-- unit's subtree still bounds the candidates; within it, when rank levels or named cadres are given, a candidate is a
-- named cadre or one of a listed rank level; otherwise every cadre of the subtree (as before).
alter table exam add column target_rank_levels text[]   not null default '{}';
alter table exam add column target_cadre_ids   bigint[] not null default '{}';
-- when the candidates were told of the published exam (in-app and SMS through the outbox): once per exam
alter table exam add column notified_at        timestamptz;
