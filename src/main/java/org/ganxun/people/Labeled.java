package org.ganxun.people;

/** An enum with the Chinese word the UI and Excel files use, and other words people write for it. */
public interface Labeled {

    String label();

    default String[] synonyms() {
        return new String[0];
    }

    /** Finds the constant whose name, label or synonym matches (ignoring spaces); null if none. */
    static <E extends Enum<E> & Labeled> E parse(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        String t = org.ganxun.platform.excel.CellText.squeeze(text);
        if (t.isEmpty()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t) || e.label().equals(t)) {
                return e;
            }
            for (String s : e.synonyms()) {
                if (s.equals(t)) {
                    return e;
                }
            }
        }
        return null;
    }
}
