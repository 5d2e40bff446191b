-- Every application node must encrypt with the same master key (GANXUN_CRYPTO_KEY): the first node to start stores
-- a check value derived from its key (SHA-256 of HMAC-SHA256(key, 'ganxun-key-check'), which tells nothing of the
-- key), and a node whose key gives another value refuses to start (platform.ops.KeyAgreement).
create table crypto_key_check (
    id          int         primary key check (id = 1),
    check_value bytea       not null,
    created_at  timestamptz not null default now()
);
