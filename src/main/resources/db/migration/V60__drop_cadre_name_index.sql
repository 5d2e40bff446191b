-- The roster's name search is a substring match (name like '%…%'), which a b-tree on name cannot serve;
-- the index only cost every cadre insert (about a tenth of a 100,000-row import's time in the roster table).
drop index if exists cadre_name_idx;
