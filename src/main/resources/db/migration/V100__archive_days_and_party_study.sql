-- Issue 15, items 2 and 4.
--
-- 《干部教育培训工作条例》第十四条: "累计3个月或者550学时", "每年…不少于12天或者90学时": either the days or the
-- hours meet a requirement, so an entry keeps the days of concentrated (脱产) training beside its hours. Null: the
-- entry has no days (online learning, a study session, or recorded in hours only).
alter table archive_entry add column days numeric(6, 2) check (days is null or days > 0);

-- entries recorded in days keep them (their hours were days × the hours per day of the rule set of the time)
update archive_entry set days = quantity
where quantity_unit = 'DAYS' and delivery = 'CONCENTRATED' and quantity > 0 and quantity <= 9999;

-- a completed full-time class: the days of its term (first day to the day of 结业), in the share of the class's
-- 学时 the trainee attended (学时 earned are the hours attended); at most 400, as an entry recorded now
update archive_entry e
set days = nullif(least(trunc((e.credited_on - e.started_on + 1) * least(r.hours_earned / r.total_hours, 1), 2), 400), 0)
from class_result r
where e.source = 'CLASS_COMPLETION' and e.full_time and e.days is null and e.started_on is not null
  and e.credited_on >= e.started_on and e.source_ref = 'TC-' || r.class_id and r.cadre_id = e.cadre_id
  and r.passed and r.total_hours > 0 and r.hours_earned > 0;

-- Party study (主题党日, 党课, 支部学习/组织生活) is its own source, PARTY_STUDY: it counts toward party members'
-- 32 学时 (《中国共产党党员教育管理工作条例》第二十条) and toward a cadre's training only where a rule set says so.
-- Before, it was credited as GROUP_STUDY beside 中心组学习 and 专题讲座.
update archive_entry set source = 'PARTY_STUDY'
where source = 'GROUP_STUDY' and source_ref like 'PA-%';
update archive_entry e set source = 'PARTY_STUDY'
from group_study_session s
where e.source = 'GROUP_STUDY' and e.source_ref = 'GS-' || s.id and s.kind in ('PARTY_DAY', 'PARTY_LECTURE', 'BRANCH_STUDY');

-- standings keep the days beside the hours (null: the requirement has no days alternative)
alter table cadre_standing add column required_days numeric(8, 2);
alter table cadre_standing add column counted_days numeric(8, 2);
alter table cadre_standing add column missing_days numeric(8, 2);
