package org.ganxun.partyedu.internal.member;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives every cadre who is a party member of a branch a member row (idempotent: one anti-join and
 * ON CONFLICT). Run before member lists, statistics and alerts so that a cadre entered in the roster is a
 * member here at once; in its own transaction so that read-only callers can use it.
 */
@Component
public class MemberSync {

    private final JdbcClient jdbc;

    MemberSync(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int run() {
        return jdbc.sql("""
                insert into party_member (cadre_id, category)
                select c.id, 'CADRE' from cadre_card c
                where c.political_status in ('CPC_MEMBER', 'CPC_PROBATIONARY') and c.party_org_id is not null
                  and not exists (select 1 from party_member m where m.cadre_id = c.id)
                on conflict (cadre_id) do nothing""").update();
    }
}
