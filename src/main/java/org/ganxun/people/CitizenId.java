package org.ganxun.people;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The 18-character citizen identity number (公民身份号码) of GB 11643-1999: six digits of region, eight of
 * birth date, three of sequence (odd for men, even for women) and a check character computed by ISO 7064
 * MOD 11-2.
 */
public record CitizenId(String value, LocalDate birthDate, Gender gender) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /**
     * Parses and validates as of the users' day {@code today} (a birth date after it is refused); the error
     * message says what is wrong, in words a clerk understands.
     */
    public static Result parse(String raw, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            return Result.error("公民身份号码不能为空");
        }
        String v = raw.strip().toUpperCase().replace('ｘ', 'X').replace('Ｘ', 'X');
        if (v.length() != 18) {
            return Result.error("公民身份号码应为18位，实际为" + v.length() + "位");
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(v.charAt(i)) || v.charAt(i) > '9') {
                return Result.error("公民身份号码前17位应为数字");
            }
        }
        char last = v.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return Result.error("公民身份号码末位应为数字或X");
        }
        if (checkChar(v) != last) {
            return Result.error("公民身份号码校验位错误（末位应为" + checkChar(v) + "）");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)),
                    Integer.parseInt(v.substring(12, 14)));
        } catch (DateTimeException | NumberFormatException e) {
            return Result.error("公民身份号码中的出生日期无效");
        }
        if (birth.getYear() < 1900 || birth.isAfter(today)) {
            return Result.error("公民身份号码中的出生日期无效");
        }
        Gender g = (v.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
        return new Result(Optional.of(new CitizenId(v, birth, g)), null);
    }

    public static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Shown everywhere instead of the number: region and last four kept, birth date hidden. */
    public String masked() {
        return mask(value);
    }

    public static String mask(String v) {
        if (v == null || v.length() < 10) {
            return v;
        }
        return v.substring(0, 6) + "********" + v.substring(v.length() - 4);
    }

    public record Result(Optional<CitizenId> id, String error) {
        static Result error(String message) {
            return new Result(Optional.empty(), message);
        }

        public boolean ok() {
            return id.isPresent();
        }
    }
}
