package org.ganxun.people;

public enum Gender implements Labeled {
    MALE("男"), FEMALE("女");

    private final String label;

    Gender(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String[] synonyms() {
        return this == MALE ? new String[]{"男性", "M"} : new String[]{"女性", "F"};
    }
}
