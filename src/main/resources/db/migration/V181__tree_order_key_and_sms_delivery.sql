-- Lists "by unit" (the roster's default order, party members by branch) sorted every row in scope by
-- tree_path_key(path), computed per row: 237 ms for the roster's first page at ten times the demo county.

-- Not strict, so that PostgreSQL inlines it into the statement (a strict SQL function whose body is not strict runs
-- as a function call per row, several times slower); string_to_array of null is null, so the results are the same.
create or replace function tree_path_key(path text) returns bigint[]
    language sql immutable parallel safe
    return string_to_array(trim(both '/' from path), '/')::bigint[];

-- The key stored with each node and indexed: a page "by unit" reads the units in tree order and their first rows
-- instead of sorting everyone in scope.
alter table organization add column tree_key bigint[] generated always as (tree_path_key(path)) stored;
create index organization_tree_key_idx on organization (tree_key);
alter table party_organization add column tree_key bigint[] generated always as (tree_path_key(path)) stored;
create index party_organization_tree_key_idx on party_organization (tree_key);

-- the published views carry the key (appended: the views' other columns are unchanged)
create or replace view org_unit as
    select id, parent_id, name, kind, code, path, depth, sort_order, retired, retired_on, tree_key
    from organization;

create or replace view party_unit as
    select id, parent_id, name, kind, org_id, code, path, depth, sort_order, secretary_name, contact_phone, retired, retired_on,
           tree_key
    from party_organization;

-- notify publishes each outbox message's delivery state by its key, nothing of the message or its phone: a module
-- that queued messages under its own keys counts their states in SQL (the broadcast log read every recipient)
create view sms_delivery as
    select dedup_key, status, attempts, sent_at
    from sms_outbox;
