-- Read views that modules publish for the others (issue 19: each module owns its tables). Only the owner's SQL names
-- its tables; other modules read these views (or call the owner's query methods), so that a change to a table is the
-- owner's to make and its views say what others rely on. Ownership: platform.db.TableOwners; ModularityTest checks.
-- Simple one-table views: PostgreSQL inlines them, so plans and indexes are those of the table.

-- org publishes a unit's name, kind and place in the tree (path: the data scope's conditions compare it)
create view org_unit as
    select id, parent_id, name, kind, code, path, depth, sort_order, retired, retired_on
    from organization;

-- org publishes the party tree's nodes the same way, with the branch's secretary and contact
create view party_unit as
    select id, parent_id, name, kind, org_id, code, path, depth, sort_order, secretary_name, contact_phone, retired, retired_on
    from party_organization;

-- people publishes a cadre's card: everything but the encrypted citizen ID and its blind index (the masked form is
-- here). Personal data: declared in people.PeoplePersonalData, so a read through it needs the scope mark as well.
create view cadre_card as
    select id, name, gender, ethnicity, birth_date, citizen_id_masked, education, political_status, joined_party_on,
           org_id, post, rank_level, rank_grade, leadership, staff_category, entered_work_on, phone, reserve_cadre,
           party_org_id, mobile_member, status, political_status_code, education_full_time, education_in_service,
           rank_title, leadership_basis, created_at, updated_at
    from cadre;

-- identity publishes who an account is and whom to notify: no password, no lockout state. Personal data: declared in
-- identity.IdentityPersonalData.
create view account_name as
    select id, username, display_name, role, scope_org_id, scope_party_org_id, cadre_id, enabled
    from app_user;

-- people publishes the dated post and rank history (what later rules ask: "promoted on", "the unit on that date").
-- Personal data: declared in people.PeoplePersonalData.
create view post_history as
    select id, cadre_id, org_id, post, rank_level, rank_grade, leadership, started_on, ended_on
    from cadre_post_history;

-- archive publishes the approved entries only: what counts toward standings, indicators and reports. A pending or
-- refused report is the archive's business. Personal data: declared in archive.ArchivePersonalData.
create view approved_credit as
    select id, cadre_id, source, source_ref, title, provider, started_on, ended_on, credited_on, hours, days, delivery,
           required, full_time, training_type
    from archive_entry
    where status = 'APPROVED';

-- training publishes a class's name, kind, dates and status (the planning calendar and needs show them)
create view class_card as
    select id, plan_id, jurisdiction_org_id, filer_org_id, provider_id, name, class_type, starts_on, ends_on, venue, seats,
           full_time, status
    from training_class;
