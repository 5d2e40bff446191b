-- Roster import jobs. The uploaded file is kept in the row so that a job can run in the background,
-- survive a restart (interrupted jobs are marked FAILED and can be retried) and produce its error report.
-- The job's data rows are written in one transaction together with the final status, so a job that
-- stops half-way leaves nothing behind.

create table import_job (
    id                 bigserial primary key,
    owner_id           bigint       not null references app_user (id),
    owner_username     varchar(50)  not null,
    scope_org_id       bigint,
    scope_party_org_id bigint,
    remote_addr        varchar(64),
    file_name          varchar(255) not null,
    file_type          varchar(10)  not null,
    file_size          bigint       not null,
    file_data          bytea        not null,
    mode               varchar(20)  not null,
    status             varchar(20)  not null,
    total_rows         int          not null default 0,
    processed_rows     int          not null default 0,
    created_count      int          not null default 0,
    updated_count      int          not null default 0,
    error_row_count    int          not null default 0,
    errors             jsonb        not null default '[]',
    message            varchar(1000),
    attempts           int          not null default 0,
    created_at         timestamptz  not null default now(),
    started_at         timestamptz,
    finished_at        timestamptz
);
create index import_job_owner_idx on import_job (owner_id, created_at desc);
create index import_job_status_idx on import_job (status);
