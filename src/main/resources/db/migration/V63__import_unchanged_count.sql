-- Rows of a roster import whose cadre the roster already has exactly as the file says: not written, not audited.
alter table import_job add column unchanged_count int not null default 0;
