package org.ganxun.planning.internal.budget;

/**
 * A class's tier for the 综合定额 (财行〔2016〕540号 第十条): 一类 trains mainly 省部级, 二类 司局级, 三类 处级及以下 — a
 * county's classes are 三类 unless set otherwise.
 */
public enum ClassTier {
    ONE("一类培训"), TWO("二类培训"), THREE("三类培训");

    private final String label;

    ClassTier(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
