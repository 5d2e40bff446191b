package org.ganxun.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.internal.cadre.CadreValidator;
import org.ganxun.people.internal.cadre.PhoneNumber;
import org.junit.jupiter.api.Test;

/** The ways clerks write a phone number, each stored in one form; anything else is left for the validator to refuse. */
class PhoneNumberTest {

    @Test
    void aMobileIsStoredAsItsElevenDigits() {
        for (String written : new String[] {"13800004444", "138 0000 4444", "138-0000-4444", "１３８００００４４４４",
                "138\u30000000\u00A04444", "+86 138 0000 4444", "+8613800004444", "(+86)138-0000-4444", "86 138 0000 4444",
                "0086 13800004444", " 138－0000－4444 ", "138.0000.4444"}) {
            assertThat(PhoneNumber.normalize(written)).as(written).isEqualTo("13800004444");
        }
    }

    @Test
    void aLandlineIsStoredAsAreaCodeHyphenNumber() {
        assertThat(PhoneNumber.normalize("0816-1234567")).isEqualTo("0816-1234567");
        assertThat(PhoneNumber.normalize("0816 1234567")).isEqualTo("0816-1234567");
        assertThat(PhoneNumber.normalize("08161234567")).isEqualTo("0816-1234567");
        assertThat(PhoneNumber.normalize("(0816)1234567")).isEqualTo("0816-1234567");
        assertThat(PhoneNumber.normalize("（０８１６）１２３４５６７")).isEqualTo("0816-1234567");
        assertThat(PhoneNumber.normalize("0816-123 4567")).isEqualTo("0816-1234567");
        // three-digit area codes: 010 and 02x
        assertThat(PhoneNumber.normalize("01012345678")).isEqualTo("010-12345678");
        assertThat(PhoneNumber.normalize("028 8765 4321")).isEqualTo("028-87654321");
        // an extension after the number
        assertThat(PhoneNumber.normalize("0816-1234567-801")).isEqualTo("0816-1234567-801");
        assertThat(PhoneNumber.normalize("0816 1234567 801")).isEqualTo("0816-1234567-801");
    }

    @Test
    void blankIsNothingAndWhatIsNoNumberStaysAsWritten() {
        assertThat(PhoneNumber.normalize(null)).isNull();
        assertThat(PhoneNumber.normalize(" \u3000")).isNull();
        for (String written : new String[] {"1380000444", "138000044445", "12800004444", "1234567", "0816-123",
                "+1 415 555 0100", "138 0000 4444 转 8", "无", "+0816-1234567"}) {
            String normal = PhoneNumber.normalize(written);
            assertThat(normal).as(written).isEqualTo(written.strip());
            CadreForm f = new CadreForm("张三", null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, written, null, null, null, null, null);
            assertThat(CadreValidator.validate(f, new CitizenId[1], java.time.LocalDate.of(2026, 12, 1))).as(written)
                    .extracting(org.ganxun.platform.web.BusinessException.FieldProblem::field).contains("phone");
        }
    }
}
