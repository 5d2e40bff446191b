package org.ganxun.people;

public enum CadreStatus implements Labeled {
    ACTIVE("在职"), TRANSFERRED_OUT("调出"), RETIRED("退休"), LEFT("离职");

    private final String label;

    CadreStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
