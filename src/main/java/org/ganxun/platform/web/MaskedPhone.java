package org.ganxun.platform.web;

import org.ganxun.platform.security.Phones;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a phone number as the signed-in reader may see it ({@link Phones#forReader}). Put on a view's phone field
 * with {@code @JsonSerialize(using = MaskedPhone.class)}.
 */
public final class MaskedPhone extends StdSerializer<String> {

    public MaskedPhone() {
        super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeString(Phones.forReader(value));
    }
}
