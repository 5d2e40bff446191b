-- Tamper-evident audit log (等保 2.0 level 3: 安全审计).
--
-- Every entry carries a SHA-256 hash chained to the entry before it. Entries are written by many concurrent
-- transactions (and by COPY for bulk imports), and a transaction may run for a minute (a 100,000-row roster
-- import), so the global chain is not extended entry by entry under a lock held until commit (that would
-- stall every login behind an import). Instead:
--   * each writing transaction gets a block (audit_block, id from a sequence); a BEFORE INSERT trigger gives
--     every entry its block, its position in it and hash = sha256(previous entry's hash in the block ||
--     canonical text of the entry), keeping the block's running state in a transaction-local setting;
--   * at commit a deferred constraint trigger seals the block: it locks the one-row chain head (so appenders
--     on any number of application nodes serialise only for this short step), gives the block the next
--     place in the chain and hash = sha256(previous block's hash || canonical text of the block, which
--     includes its entry count and the hash of its last entry), and moves the head.
-- The verifier (AuditChain.verify) recomputes all of it from the stored columns, in Java, independently of
-- these functions. The canonical texts are length-prefixed fields ('~' for null), so no two entries
-- serialise alike; '<n>:' counts UTF-8 bytes.

alter table audit_log
    add column block_id bigint,
    add column pos      int,
    add column hash     bytea;
create index audit_log_block_idx on audit_log (block_id, pos);

create sequence audit_block_id_seq;

create table audit_block (
    id              bigint primary key,
    seq             bigint unique,          -- place in the chain, given when sealed at commit
    entries         int,
    max_at_us       bigint,                 -- latest entry time (µs since 1970), for retention
    last_entry_hash bytea,
    prev_hash       bytea,
    hash            bytea,
    sealed_at       timestamptz
);

-- The chain's last block; its row lock serialises sealing.
create table audit_chain_head (
    one  boolean primary key default true check (one),
    seq  bigint not null,
    hash bytea  not null
);

-- What retention removed: the chain now starts after block `seq`, whose hash was `hash`.
create table audit_chain_anchor (
    one            boolean primary key default true check (one),
    seq            bigint      not null,
    hash           bytea       not null,
    purged_entries bigint      not null default 0,
    purged_at      timestamptz
);

create function audit_field(v text) returns text language sql immutable as $$
    select case when v is null then '~' else octet_length(convert_to(v, 'UTF8')) || ':' || v end
$$;

create function audit_entry_canon(e audit_log) returns text language sql stable as $$
    select 'e1;' || audit_field(e.id::text) || audit_field(e.block_id::text) || audit_field(e.pos::text)
        || audit_field(((extract(epoch from e.at) * 1000000)::bigint)::text) || audit_field(e.actor_id::text)
        || audit_field(e.actor_username) || audit_field(e.action) || audit_field(e.entity_type)
        || audit_field(e.entity_id) || audit_field(e.summary) || audit_field(e.before_data::text)
        || audit_field(e.after_data::text) || audit_field(e.remote_addr)
$$;

create function audit_block_canon(seq bigint, id bigint, entries int, max_at_us bigint, last_entry_hash bytea)
    returns text language sql immutable as $$
    select 'b1;' || audit_field(seq::text) || audit_field(id::text) || audit_field(entries::text)
        || audit_field(max_at_us::text) || audit_field(encode(last_entry_hash, 'hex'))
$$;

-- Chain the entries already in the log, one block per distinct time (the entries of one transaction share
-- now()), oldest first.
do $$
declare
    r        audit_log%rowtype;
    cur_at   timestamptz;
    bid      bigint;
    p        int := 0;
    eh       bytea;
    mx       bigint;
    s        bigint := 0;
    bh       bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
    nbh      bytea;
begin
    for r in select * from audit_log order by at, id loop
        if bid is null or r.at is distinct from cur_at then
            if bid is not null then
                s := s + 1;
                nbh := sha256(bh || convert_to(audit_block_canon(s, bid, p, mx, eh), 'UTF8'));
                insert into audit_block (id, seq, entries, max_at_us, last_entry_hash, prev_hash, hash, sealed_at)
                values (bid, s, p, mx, eh, bh, nbh, now());
                bh := nbh;
            end if;
            bid := nextval('audit_block_id_seq');
            cur_at := r.at;
            p := 0;
            eh := '\x0000000000000000000000000000000000000000000000000000000000000000';
            mx := (extract(epoch from r.at) * 1000000)::bigint;
        end if;
        p := p + 1;
        r.block_id := bid;
        r.pos := p;
        eh := sha256(eh || convert_to(audit_entry_canon(r), 'UTF8'));
        update audit_log set block_id = bid, pos = p, hash = eh where id = r.id;
    end loop;
    if bid is not null then
        s := s + 1;
        nbh := sha256(bh || convert_to(audit_block_canon(s, bid, p, mx, eh), 'UTF8'));
        insert into audit_block (id, seq, entries, max_at_us, last_entry_hash, prev_hash, hash, sealed_at)
        values (bid, s, p, mx, eh, bh, nbh, now());
        bh := nbh;
    end if;
    insert into audit_chain_head (seq, hash) values (s, bh);
    insert into audit_chain_anchor (seq, hash)
    values (0, '\x0000000000000000000000000000000000000000000000000000000000000000');
end
$$;

-- Running state of this transaction's block: 'block id|entries|max at µs|hash of the last entry (hex)'.
create function audit_chain_entry() returns trigger language plpgsql as $$
declare
    st  text := current_setting('ganxun.audit_block', true);
    f   text[];
    bid bigint;
    p   int;
    mx  bigint;
    h   bytea;
    us  bigint;
begin
    if st is null or st = '' then
        bid := nextval('audit_block_id_seq');
        p := 0;
        mx := 0;
        h := '\x0000000000000000000000000000000000000000000000000000000000000000';
        insert into audit_block (id) values (bid);
    else
        f := string_to_array(st, '|');
        bid := f[1]::bigint;
        p := f[2]::int;
        mx := f[3]::bigint;
        h := decode(f[4], 'hex');
    end if;
    p := p + 1;
    NEW.block_id := bid;
    NEW.pos := p;
    us := (extract(epoch from NEW.at) * 1000000)::bigint;
    NEW.hash := sha256(h || convert_to(audit_entry_canon(NEW), 'UTF8'));
    perform set_config('ganxun.audit_block',
            bid || '|' || p || '|' || greatest(mx, us) || '|' || encode(NEW.hash, 'hex'), true);
    return NEW;
end
$$;

create trigger audit_log_chain before insert on audit_log
    for each row execute function audit_chain_entry();

-- At commit: link this transaction's block into the chain.
create function audit_chain_seal() returns trigger language plpgsql as $$
declare
    st   text := current_setting('ganxun.audit_block', true);
    f    text[];
    head record;
    bh   bytea;
begin
    f := string_to_array(coalesce(st, ''), '|');
    if st is null or st = '' or f[1]::bigint <> NEW.id then
        raise exception 'audit block % was not written through the audit log', NEW.id;
    end if;
    select seq, hash into head from audit_chain_head for update;
    bh := sha256(head.hash || convert_to(audit_block_canon(head.seq + 1, NEW.id, f[2]::int, f[3]::bigint,
                                                             decode(f[4], 'hex')), 'UTF8'));
    update audit_block
    set seq = head.seq + 1, entries = f[2]::int, max_at_us = f[3]::bigint, last_entry_hash = decode(f[4], 'hex'),
        prev_hash = head.hash, hash = bh, sealed_at = clock_timestamp()
    where id = NEW.id;
    update audit_chain_head set seq = head.seq + 1, hash = bh;
    -- entries written after this point (only if constraints were made immediate) start a new block
    perform set_config('ganxun.audit_block', '', true);
    return null;
end
$$;

create constraint trigger audit_block_seal after insert on audit_block
    deferrable initially deferred
    for each row execute function audit_chain_seal();
