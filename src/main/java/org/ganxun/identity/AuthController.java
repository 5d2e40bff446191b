package org.ganxun.identity;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import org.ganxun.org.DataScopes;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.DataScopeKind;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.PublicEndpoint;
import org.ganxun.platform.security.SignedIn;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final UserAccounts accounts;
    private final DataScopes scopes;
    private final PasswordPolicy passwords;

    AuthController(UserAccounts accounts, DataScopes scopes, PasswordPolicy passwords) {
        this.accounts = accounts;
        this.scopes = scopes;
        this.passwords = passwords;
    }

    /** The signed-in user; the UI shows the menu entries and buttons of {@code permissions} and nothing else. */
    record Me(long id, String username, String displayName, String role, String roleLabel, List<Permission> permissions,
              DataScopeKind dataScope, Long scopeOrgId, Long scopePartyOrgId, Long cadreId, boolean allData,
              List<String> passwordRules) {
    }

    record PasswordChange(@Size(max = 64, message = "原密码不正确") String oldPassword,
                          @Size(max = 64, message = "新密码最多{max}位") String newPassword) {
    }

    @GetMapping("/csrf")
    @PublicEndpoint("the login page needs the CSRF token before anyone signs in")
    Map<String, String> csrf(CsrfToken token) {
        return Map.of("headerName", token.getHeaderName(), "token", token.getToken());
    }

    @GetMapping("/me")
    @SignedIn("the signed-in user's own account")
    Me me() {
        CurrentUser u = CurrentUsers.require();
        DataScope scope = scopes.current();
        return new Me(u.id(), u.username(), u.displayName(), u.role(), u.roleLabel(),
                u.permissions().stream().sorted().toList(), u.dataScope(), u.scopeOrgId(),
                u.scopePartyOrgId(), u.cadreId(), scope.all(),
                passwords.rules());
    }

    @PostMapping("/password")
    @SignedIn("changing one's own password, proving the old one")
    Map<String, Boolean> changePassword(@Valid @RequestBody PasswordChange req) {
        accounts.changeOwnPassword(req.oldPassword(), req.newPassword());
        return Map.of("ok", true);
    }
}
