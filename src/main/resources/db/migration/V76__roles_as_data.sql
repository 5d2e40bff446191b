-- Roles as data (issue 14): the built-in roles are rows here so that accounts reference a role that exists; their
-- permissions are defined in code (platform.security.Role) and cannot be changed. Custom roles, made by the security
-- administrator from the permissions of platform.security.Permission, keep their permissions in app_role_permission.
create table app_role (
    code        varchar(30)  primary key,
    name        varchar(30)  not null unique,
    description varchar(200),
    data_scope  varchar(10)  not null check (data_scope in ('ALL', 'SUBTREE', 'SELF')),
    built_in    boolean      not null default false,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now(),
    version     int          not null default 0
);

create table app_role_permission (
    role_code  varchar(30) not null references app_role (code) on delete cascade,
    permission varchar(40) not null,
    primary key (role_code, permission)
);

insert into app_role (code, name, data_scope, built_in) values
    ('SYSTEM_ADMIN', '系统管理员', 'ALL', true),
    ('SECURITY_ADMIN', '安全管理员', 'ALL', true),
    ('AUDIT_ADMIN', '审计管理员', 'ALL', true),
    ('ORG_DEPT_ADMIN', '组织部管理员', 'SUBTREE', true),
    ('PROVIDER_REGISTRAR', '培训机构教务员', 'SUBTREE', true),
    ('UNIT_LIAISON', '单位培训专管员', 'SUBTREE', true),
    ('BRANCH_SECRETARY', '党支部书记', 'SUBTREE', true),
    ('CADRE', '干部', 'SELF', true);

alter table app_user add constraint app_user_role_fk foreign key (role) references app_role (code);

-- sessions hold the signed-in user's old shape (a role without permissions): everyone signs in again
delete from spring_session;

create sequence app_role_code_seq;
