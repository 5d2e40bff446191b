-- 《干部教育培训工作条例》第十四条: the yearly 90 学时 of 乡科级 leaders and 一级主任科员 and below are 集中培训.
-- The national defaults counted every credit toward it, online self-study included (which has its own yearly
-- target): correct the stored national versions. Rule sets a jurisdiction made for itself are left as they are.
update rule_set r
set document = jsonb_set(r.document, '{requirements}', (
        select jsonb_agg(case
                             when q ->> 'code' = 'TOWNSHIP_YEARLY'
                                  and coalesce(jsonb_array_length(q -> 'count' -> 'deliveries'), 0) = 0
                             then jsonb_set(q, '{count,deliveries}', '["CONCENTRATED"]')
                             else q end order by i)
        from jsonb_array_elements(r.document -> 'requirements') with ordinality as e(q, i)))
where r.jurisdiction_org_id is null
  and r.document -> 'requirements' @> '[{"code": "TOWNSHIP_YEARLY"}]';

-- stored standings were computed with the old count: the application recomputes them after start when none are stored
delete from cadre_standing;
