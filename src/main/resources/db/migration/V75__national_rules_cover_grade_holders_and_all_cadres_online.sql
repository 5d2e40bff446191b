-- RULES.md / 《干部教育培训工作条例》第十四条: the 550 学时 in 5 years apply to 县处级 leaders and to 四级调研员 and
-- above (grades without a leading post), so LEADER_CYCLE is not for leaders only; 《全国干部教育培训规划(2023-2027年)》:
-- 50 学时 of online self-study a year for all cadres (条例第二条: 机关, 事业单位, 国有企业), so ONLINE_YEARLY is not
-- limited to civil servants; village committee members (村干部) are not cadres in that sense and stay out.
-- Correct the stored national versions; rule sets a jurisdiction made for itself are left as they are.
update rule_set r
set document = jsonb_set(r.document, '{requirements}', (
        select jsonb_agg(case
                             when q ->> 'code' = 'LEADER_CYCLE' and (q ->> 'leadersOnly')::boolean
                             then jsonb_set(jsonb_set(q, '{leadersOnly}', 'false'),
                                            '{title}', '"县处级以上领导干部和四级调研员以上职级公务员每5年脱产培训"')
                             when q ->> 'code' = 'ONLINE_YEARLY'
                             then jsonb_set(q, '{staffCategories}', '["CIVIL_SERVANT", "CIVIL_SERVANT_EQUIVALENT", "PUBLIC_INSTITUTION",
                                                                  "STATE_ENTERPRISE", "COLLEGE_GRADUATE_VILLAGE_OFFICIAL"]')
                             else q end order by i)
        from jsonb_array_elements(r.document -> 'requirements') with ordinality as e(q, i)))
where r.jurisdiction_org_id is null
  and r.document -> 'requirements' @> '[{"code": "LEADER_CYCLE"}]';

-- stored standings were computed with the old rules: the application recomputes them after start when none are stored
delete from cadre_standing;
