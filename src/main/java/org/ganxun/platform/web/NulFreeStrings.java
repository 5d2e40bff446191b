package org.ganxun.platform.web;

import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every text read from JSON refuses a NUL character (U+0000), wherever the JSON comes from: {@link NulCharacters}
 * stops it in a JSON body before the body is read, but not in the JSON part of an upload (a reported training's
 * {@code entry}). PostgreSQL cannot store a NUL in text; refused here, it is an error on its field
 * ({@code HttpMessageNotReadableException}, answered by {@link ApiExceptionHandler#unreadable}) instead of a
 * database error.
 */
@Component
public class NulFreeStrings extends SimpleModule {

    public NulFreeStrings() {
        super("nul-free-strings");
        addDeserializer(String.class, new Refusing());
    }

    /** A NUL in a value the mapper reads. */
    static boolean isNul(Object value) {
        return value instanceof String s && s.indexOf('\0') >= 0;
    }

    static final class Refusing extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (isNul(value)) {
                throw InvalidFormatException.from(p, "text contains a NUL character", value, String.class);
            }
            return value;
        }
    }
}
