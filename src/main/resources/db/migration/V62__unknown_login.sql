-- Failed logins under user names that have no account, counted and locked like app_user's own columns so
-- that the answers to a wrong password ("还可尝试4次", 3, …, then locked) do not tell whether a name exists.
-- One row per name ever tried; the audit log already keeps a row per attempt, so this grows more slowly.
create table unknown_login (
    username        varchar(50)  primary key,
    failed_attempts int          not null,
    locked_until    timestamptz,
    last_failed_at  timestamptz  not null default now()
);
