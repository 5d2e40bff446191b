-- The mobile-classroom lecturer pool is shared county-wide for use, but a lecturer is changed only by the
-- organisation department that added them or one above it. No owner: added by the system administrator
-- (or before owners were kept), changed by the system administrator only.
alter table lecturer add column owner_org_id bigint references organization (id);
