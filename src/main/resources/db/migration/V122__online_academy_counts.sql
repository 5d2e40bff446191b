-- Issue 16 with issue 15 item 4: a course completed in Ganxun's own 网络学院 (source ONLINE_ACADEMY) counts wherever
-- hours imported from another platform's online courses (ONLINE_COURSE) count, in every stored rule set; without
-- this, V101's explicit source lists would leave the new source counting toward nothing.
update rule_set r
set document = jsonb_set(r.document, '{requirements}', (
        select coalesce(jsonb_agg(
            case
                when (q -> 'count' -> 'sources') @> '["ONLINE_COURSE"]'::jsonb
                     and not (q -> 'count' -> 'sources') @> '["ONLINE_ACADEMY"]'::jsonb
                then jsonb_set(q, '{count,sources}', (q -> 'count' -> 'sources') || '["ONLINE_ACADEMY"]'::jsonb)
                else q end order by i), '[]'::jsonb)
        from jsonb_array_elements(r.document -> 'requirements') with ordinality as e(q, i)))
where jsonb_typeof(r.document -> 'requirements') = 'array';

-- standings are recomputed from the archive by the nightly job and on the next read
delete from cadre_standing;
