package org.ganxun.planning;

/** The categories of a class's expenses, as the training-fee rules name them (财行〔2016〕540号 第六条 培训费的构成). */
public enum ExpenseCategory {
    ACCOMMODATION("住宿费"), MEALS("伙食费"), VENUE("场地费"), LECTURE("讲课费"), MATERIALS("资料费"), TRANSPORT("交通费"), OTHER("其他");

    private final String label;

    ExpenseCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
