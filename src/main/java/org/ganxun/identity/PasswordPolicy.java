package org.ganxun.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Password rules (in the spirit of GB/T 22239 level-2 guidance commonly applied to government systems):
 * at least 8 characters, at least three of upper case, lower case, digits and symbols, not containing the
 * user name or the user's name, not one of the commonest passwords (identity/common-passwords.txt, compared
 * case-insensitively with common substitutions and trailing digits and symbols undone: three character
 * classes alone let Password1 and P@ssw0rd through), and not the published demo password unless this
 * installation is the demo.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;

    /** The password every demo account has (README); published, so refused on a real installation. */
    static final String DEMO_PASSWORD = "Ganxun@2026";

    private static final Set<String> COMMON = load();

    private final boolean demo;

    PasswordPolicy(@Value("${ganxun.demo.enabled:false}") boolean demo) {
        this.demo = demo;
    }

    /** The rules as the UI lists them where a password is set. */
    public List<String> rules() {
        List<String> out = new ArrayList<>(List.of("至少" + MIN_LENGTH + "位", "包含大写字母、小写字母、数字、符号中的至少三类",
                "不包含用户名或本人姓名", "不能是常见弱密码（如 Password1、P@ssw0rd、Qwerty@123）"));
        if (!demo) {
            out.add("不能使用演示账号的公开密码");
        }
        return out;
    }

    /** The reasons a password is refused; empty when it is acceptable. */
    public List<String> problems(String username, String displayName, String password) {
        List<String> out = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            out.add("密码长度至少" + MIN_LENGTH + "位");
            if (password == null) {
                return out;
            }
        }
        if (password.length() > 64) {
            out.add("密码长度不能超过64位");
        }
        int classes = 0;
        if (password.chars().anyMatch(Character::isUpperCase)) classes++;
        if (password.chars().anyMatch(Character::isLowerCase)) classes++;
        if (password.chars().anyMatch(Character::isDigit)) classes++;
        if (password.chars().anyMatch(ch -> !Character.isLetterOrDigit(ch))) classes++;
        if (classes < 3) {
            out.add("密码须包含大写字母、小写字母、数字、符号中的至少三类");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        Set<String> forms = forms(password);
        if (username != null && !username.isBlank() && (lower.contains(username.strip().toLowerCase(Locale.ROOT))
                || forms.contains(username.strip().toLowerCase(Locale.ROOT)))) {
            out.add("密码不能包含用户名");
        } else if (displayName != null && displayName.strip().length() >= 2
                && (lower.contains(displayName.strip().toLowerCase(Locale.ROOT)) || forms.contains(displayName.strip().toLowerCase(Locale.ROOT)))) {
            out.add("密码不能包含本人姓名");
        }
        if (!demo && password.equalsIgnoreCase(DEMO_PASSWORD)) {
            out.add("不能使用演示账号的公开密码，请另设密码");
        } else if (forms.stream().anyMatch(COMMON::contains)) {
            out.add("该密码过于常见，容易被猜中，请换一个");
        }
        return out;
    }

    /**
     * The password as lower case, with trailing (and leading) digits and symbols stripped, and each of these
     * with the usual look-alike substitutions undone: "P@ssw0rd!" gives "p@ssw0rd", "password", …
     */
    static Set<String> forms(String password) {
        Set<String> out = new LinkedHashSet<>();
        String lower = password.toLowerCase(Locale.ROOT);
        out.add(lower);
        String trimmed = lower.replaceAll("[^\\p{L}]+$", "");
        out.add(trimmed);
        out.add(trimmed.replaceAll("^[^\\p{L}]+", ""));
        out.add(lower.replaceAll("[^\\p{L}\\p{N}]+$", ""));
        out.add(unshift(lower)); // keyboard walks typed with shift: 1qaz@WSX is 1qaz2wsx
        for (String f : List.copyOf(out)) {
            out.add(unleet(f, 'i'));
            out.add(unleet(f, 'l'));
            String u = unleet(f, 'i');
            out.add(u.replaceAll("[^\\p{L}]+$", ""));
        }
        out.removeIf(f -> f.length() < 4);
        return out;
    }

    private static String unshift(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            int i = "!@#$%^&*()".indexOf(c);
            b.append(i < 0 ? c : "1234567890".charAt(i));
        }
        return b.toString();
    }

    private static String unleet(String s, char one) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(switch (c) {
                case '0' -> 'o';
                case '1', '!', '|' -> one;
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7', '+' -> 't';
                case '8' -> 'b';
                case '9' -> 'g';
                default -> c;
            });
        }
        return b.toString();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("identity/common-passwords.txt is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String w = line.strip().toLowerCase(Locale.ROOT);
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
