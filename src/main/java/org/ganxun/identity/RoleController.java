package org.ganxun.identity;

import jakarta.validation.Valid;
import java.util.List;

import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.Requires;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** 角色管理: the security administrator's. */
@RestController
@RequestMapping("/api/roles")
@Requires(Permission.ROLE_MANAGE)
class RoleController {

    private final Roles roles;

    RoleController(Roles roles) {
        this.roles = roles;
    }

    @GetMapping
    List<Roles.RoleView> list() {
        return roles.list();
    }

    @GetMapping("/permissions")
    List<Roles.PermissionView> permissions() {
        return Roles.catalogue();
    }

    @GetMapping("/{code}")
    Roles.RoleView get(@PathVariable String code) {
        return roles.get(code);
    }

    @PostMapping
    Roles.RoleView create(@Valid @RequestBody Roles.RoleRequest req) {
        return roles.create(req);
    }

    @PutMapping("/{code}")
    Roles.RoleView update(@PathVariable String code, @Valid @RequestBody Roles.RoleRequest req) {
        return roles.update(code, req);
    }

    @DeleteMapping("/{code}")
    ResponseEntity<Void> delete(@PathVariable String code) {
        roles.delete(code);
        return ResponseEntity.noContent().build();
    }
}
