-- Login throttling (replaces app_user.failed_attempts/locked_until and unknown_login, which let anyone keep an
-- account locked for ever by one wrong password every 15 minutes). One row per key that has failed:
--   (username, address)  the pair: a name tried from one client address;
--   (username, '')       the name from anywhere (distributed guessing);
--   ('', address)        the address whatever the name (password spraying).
-- Past a threshold each further failure blocks the key for twice as long (1, 2, 4 … minutes, capped); an attempt
-- made while blocked is refused without being counted, so it cannot extend the block. Names without an account are
-- keyed the same way, so the answers do not tell whether a name exists.
create table login_throttle (
    username       varchar(50)  not null,
    address        varchar(64)  not null,
    failures       int          not null,
    last_failed_at timestamptz  not null default now(),
    blocked_until  timestamptz,
    primary key (username, address)
);
create index login_throttle_address on login_throttle (address) where username = '';

-- Addresses a user has signed in from: a login from one of them is not blocked by failures from other addresses.
create table login_known_address (
    username      varchar(50)  not null,
    address       varchar(64)  not null,
    last_login_at timestamptz  not null default now(),
    primary key (username, address)
);

update app_user set failed_attempts = 0, locked_until = null where failed_attempts <> 0 or locked_until is not null;
drop table unknown_login;
