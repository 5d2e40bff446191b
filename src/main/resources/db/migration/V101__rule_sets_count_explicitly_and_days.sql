-- Issue 15, items 2 and 4, for the stored rule sets (national and local).
--
-- Item 4: which sources count toward which requirement is written out in every requirement. A requirement that
-- listed no sources counted every source, party study included (it was part of GROUP_STUDY): it now lists the
-- sources it counted, and party study (PARTY_STUDY, split off by V100) only where the requirement is for party
-- members (《中国共产党党员教育管理工作条例》第二十条: 32 学时). A requirement that listed GROUP_STUDY and is for
-- party members keeps counting party study. A jurisdiction that counts party study toward its cadres adds it.
--
-- Item 2: the requirements that cite 条例第十四条 with its hours get its days as the alternative: 550 学时 or
-- 3个月 (counted as 90 days, a month as 30), 90 学时 or 12 天.
update rule_set r
set document = jsonb_set(r.document, '{requirements}', (
        select coalesce(jsonb_agg(
            case
                when coalesce(jsonb_array_length(q -> 'count' -> 'sources'), 0) = 0
                then jsonb_set(q, '{count,sources}',
                               case when coalesce((q ->> 'partyMembersOnly')::boolean, false)
                                    then '["CLASS_COMPLETION", "ONLINE_COURSE", "GROUP_STUDY", "PARTY_STUDY", "EXTERNAL_TRAINING", "TEACHING", "OTHER"]'::jsonb
                                    else '["CLASS_COMPLETION", "ONLINE_COURSE", "GROUP_STUDY", "EXTERNAL_TRAINING", "TEACHING", "OTHER"]'::jsonb end)
                when coalesce((q ->> 'partyMembersOnly')::boolean, false) and (q -> 'count' -> 'sources') @> '["GROUP_STUDY"]'::jsonb
                     and not (q -> 'count' -> 'sources') @> '["PARTY_STUDY"]'::jsonb
                then jsonb_set(q, '{count,sources}', (q -> 'count' -> 'sources') || '["PARTY_STUDY"]'::jsonb)
                else q end order by i), '[]'::jsonb)
        from jsonb_array_elements(r.document -> 'requirements') with ordinality as e(q, i)))
where jsonb_typeof(r.document -> 'requirements') = 'array';

update rule_set r
set document = jsonb_set(r.document, '{requirements}', (
        select coalesce(jsonb_agg(
            case
                when q ->> 'code' = 'LEADER_CYCLE' and q ->> 'source' like '%第十四条%' and (q ->> 'hours')::numeric = 550
                     and jsonb_typeof(q -> 'days') is distinct from 'number'
                then jsonb_set(q, '{days}', '90')
                when q ->> 'code' = 'TOWNSHIP_YEARLY' and q ->> 'source' like '%第十四条%' and (q ->> 'hours')::numeric = 90
                     and jsonb_typeof(q -> 'days') is distinct from 'number'
                then jsonb_set(q, '{days}', '12')
                else q end order by i), '[]'::jsonb)
        from jsonb_array_elements(r.document -> 'requirements') with ordinality as e(q, i)))
where jsonb_typeof(r.document -> 'requirements') = 'array';

-- stored standings were computed with the old rules: the application recomputes them after start when none are stored
delete from cadre_standing;
