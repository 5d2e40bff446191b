package org.ganxun.platform.security;

/**
 * How far a role's data reaches (RuoYi's 数据权限 in the words of this domain). The subtree itself comes from the
 * account: the unit and/or party organisation it is scoped to.
 */
public enum DataScopeKind {
    /** The whole jurisdiction, unless the account names a subtree. */
    ALL("全部数据"),
    /** The account's unit and/or party organisation and everything under them. */
    SUBTREE("本单位（党组织）及以下"),
    /** Only the cadre the account belongs to. */
    SELF("仅本人");

    private final String label;

    DataScopeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
