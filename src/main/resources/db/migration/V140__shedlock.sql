-- ShedLock's lock rows (platform.ops.ClusterScheduling): one row per scheduled job, so that each job runs once per
-- schedule across all application nodes. Times are the database's UTC clock (usingDbTime).
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
