package org.ganxun.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * Password rules (in the spirit of GB/T 22239 level-2 guidance commonly applied to government systems):
 * at least 8 characters, at least three of upper case, lower case, digits and symbols, and not containing
 * the user name.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;

    private PasswordPolicy() {
    }

    /** The reasons a password is refused; empty when it is acceptable. */
    public static List<String> problems(String username, String password) {
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
        if (username != null && !username.isBlank() && password.toLowerCase().contains(username.toLowerCase())) {
            out.add("密码不能包含用户名");
        }
        return out;
    }
}
