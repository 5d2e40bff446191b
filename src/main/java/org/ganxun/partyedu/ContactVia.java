package org.ganxun.partyedu;

/** How a branch last reached a mobile member (联系方式). */
public enum ContactVia {
    PHONE("电话"),
    WECHAT("微信"),
    QQ("QQ"),
    VISIT("走访");

    private final String label;

    ContactVia(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
