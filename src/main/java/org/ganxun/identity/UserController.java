package org.ganxun.identity;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.Requires;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts: the system administrator (and an organisation department within its scope) creates and keeps them; the
 * security administrator gives the administrators' roles, and may change any account's role and scope.
 */
@RestController
@RequestMapping("/api/users")
@Requires({Permission.USER_MANAGE, Permission.ROLE_MANAGE})
class UserController {

    private final UserAccounts accounts;

    UserController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    record PasswordReset(@Size(max = 64, message = "密码最多{max}位") String password) {
    }

    /** The roles the current user may give. */
    @GetMapping("/roles")
    List<Roles.RoleView> roles() {
        return accounts.assignableRoles();
    }

    @GetMapping
    UserAccounts.Page list(@RequestParam(required = false) String text, @RequestParam(required = false) String role,
                           @RequestParam(required = false) String state, @RequestParam(defaultValue = "1") int page,
                           @RequestParam(defaultValue = "20") int size) {
        return accounts.search(text, role, state, page, Math.min(Math.max(size, 1), 200));
    }

    @GetMapping("/{id}")
    UserAccounts.Account get(@PathVariable long id) {
        return accounts.getVisible(id);
    }

    @PostMapping
    @Requires(Permission.USER_MANAGE)
    UserAccounts.Account create(@Valid @RequestBody UserAccounts.AccountRequest req) {
        return accounts.create(req);
    }

    @PutMapping("/{id}")
    UserAccounts.Account update(@PathVariable long id, @Valid @RequestBody UserAccounts.AccountRequest req) {
        return accounts.update(id, req);
    }

    @PostMapping("/{id}/reset-password")
    Map<String, Boolean> resetPassword(@PathVariable long id, @Valid @RequestBody PasswordReset req) {
        accounts.resetPassword(id, req.password());
        return Map.of("ok", true);
    }

    @PostMapping("/{id}/unlock")
    Map<String, Boolean> unlock(@PathVariable long id) {
        accounts.unlock(id);
        return Map.of("ok", true);
    }
}
