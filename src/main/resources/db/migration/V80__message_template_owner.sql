-- An SMS template belongs to the scope of whoever created it: only that scope (or one covering it) may change
-- it, and it is offered to that scope and the scopes below. No owner: the system administrator's, for everyone.
alter table message_template add column owner_org_id bigint references organization (id);
alter table message_template add column owner_party_org_id bigint references party_organization (id);

update message_template t set owner_org_id = u.scope_org_id, owner_party_org_id = u.scope_party_org_id
from app_user u
where u.username = t.created_by and not (u.role = 'SYSTEM_ADMIN' and u.scope_org_id is null and u.scope_party_org_id is null);
