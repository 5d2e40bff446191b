package org.ganxun.platform.db;

import java.util.Set;

/**
 * The tables of a module that hold personal data: rows that belong to a person (a cadre, a party member,
 * an account) and so to the units and party organisations that person belongs to. A module declares its
 * own as a bean; {@link ScopeGuard} refuses a read of any of them, during a signed-in request, that did not
 * take its data scope from {@code DataScope} or declare why it needs none ({@code Unscoped}).
 */
public record ScopedTables(String module, Set<String> tables) {

    public static ScopedTables of(String module, String... tables) {
        return new ScopedTables(module, Set.of(tables));
    }
}
