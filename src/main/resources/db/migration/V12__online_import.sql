-- Online-learning hours imports (网络学时导入): a platform's Excel/CSV export, uploaded, its columns mapped by
-- the user, then validated and credited in one transaction (like the roster import's import_job). The file
-- is kept in the row for the background run and the error report.

create table online_import (
    id                 bigserial primary key,
    owner_id           bigint       not null references app_user (id),
    owner_username     varchar(50)  not null,
    remote_addr        varchar(64),
    file_name          varchar(255) not null,
    file_type          varchar(10)  not null,
    file_size          bigint       not null,
    file_data          bytea        not null,
    -- the Excel row number of the header row found (or chosen), and its columns with sample values
    header_row         int          not null,
    columns            jsonb        not null default '[]',
    -- the user's mapping {field: column index} and the platform's name (kept as the entries' provider)
    mapping            jsonb,
    platform           varchar(100),
    mode               varchar(20),
    -- UPLOADED (waiting for the mapping), QUEUED, RUNNING, COMPLETED, REJECTED, FAILED
    status             varchar(20)  not null,
    total_rows         int          not null default 0,
    processed_rows     int          not null default 0,
    credited_count     int          not null default 0,
    credited_hours     numeric(12, 2) not null default 0,
    skipped_count      int          not null default 0,
    error_row_count    int          not null default 0,
    errors             jsonb        not null default '[]',
    message            varchar(1000),
    attempts           int          not null default 0,
    created_at         timestamptz  not null default now(),
    started_at         timestamptz,
    finished_at        timestamptz
);
create index online_import_owner_idx on online_import (owner_id, created_at desc);
create index online_import_status_idx on online_import (status);
