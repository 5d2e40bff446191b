package org.ganxun.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** One choice of a dictionary the UI shows in a select: the stored value and its Chinese label. */
public record Option(String value, String label) {

    /** The options of an enum, in declaration order, labelled by {@code label}. */
    public static <E extends Enum<E>> List<Option> of(E[] values, Function<E, String> label) {
        return Arrays.stream(values).map(v -> new Option(v.name(), label.apply(v))).toList();
    }
}
