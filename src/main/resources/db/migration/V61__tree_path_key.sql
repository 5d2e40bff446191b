-- Lists ordered "by unit" follow the tree: paths compared as text put '/1/10/' before '/1/2/'.
-- The key is the path's ids as numbers, level by level (ids follow the order units were created in).
create function tree_path_key(path text) returns bigint[]
    language sql immutable strict parallel safe
    return string_to_array(trim(both '/' from path), '/')::bigint[];
