package org.ganxun.org;

import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import org.ganxun.platform.security.AnyScope;
import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import org.ganxun.platform.security.SignedIn;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Both trees: {@code /api/orgs} (administrative) and {@code /api/party-orgs} (party). */
@RestController
class OrganizationController {

    private final OrganizationTrees trees;

    OrganizationController(OrganizationTrees trees) {
        this.trees = trees;
    }

    record Kind(String value, String label) {
    }

    record RenameRequest(@Size(max = 100, message = "名称最多{max}个字") String name) {
    }

    record MoveRequest(@AnyScope("the tree being moved in is known only to the handler; OrganizationTrees.move checks the new parent") Long parentId) {
    }

    record RetireRequest(LocalDate on) {
    }

    @GetMapping("/api/orgs/kinds")
    @SignedIn("code lists for selects, nothing personal")
    List<Kind> orgKinds() {
        return Arrays.stream(OrgKind.values()).map(k -> new Kind(k.name(), k.label())).toList();
    }

    @GetMapping("/api/party-orgs/kinds")
    @SignedIn("code lists for selects, nothing personal")
    List<Kind> partyKinds() {
        return Arrays.stream(PartyOrgKind.values()).map(k -> new Kind(k.name(), k.label())).toList();
    }

    @GetMapping("/api/orgs")
    @SignedIn("the unit tree within the reader's data scope, for pickers on every page")
    List<TreeNode> orgs(@RequestParam(defaultValue = "false") boolean includeRetired) {
        return trees.list(Tree.ADMINISTRATIVE, includeRetired);
    }

    @GetMapping("/api/party-orgs")
    @SignedIn("the party tree within the reader's data scope, for pickers on every page")
    List<TreeNode> partyOrgs(@RequestParam(defaultValue = "false") boolean includeRetired) {
        return trees.list(Tree.PARTY, includeRetired);
    }

    @GetMapping("/api/orgs/{id}")
    @SignedIn("one unit within the reader's data scope")
    TreeNode org(@PathVariable long id) {
        return trees.get(Tree.ADMINISTRATIVE, id);
    }

    @GetMapping("/api/party-orgs/{id}")
    @SignedIn("one party organisation within the reader's data scope")
    TreeNode partyOrg(@PathVariable long id) {
        return trees.get(Tree.PARTY, id);
    }

    @PostMapping("/api/orgs")
    @Requires(ORG_MANAGE)
    TreeNode createOrg(@Valid @RequestBody OrganizationTrees.NodeRequest req) {
        return trees.create(Tree.ADMINISTRATIVE, req);
    }

    @PostMapping("/api/party-orgs")
    @Requires(ORG_MANAGE)
    TreeNode createPartyOrg(@Valid @RequestBody OrganizationTrees.NodeRequest req) {
        return trees.create(Tree.PARTY, req);
    }

    @PutMapping("/api/orgs/{id}")
    @Requires(ORG_MANAGE)
    TreeNode updateOrg(@PathVariable long id, @Valid @RequestBody OrganizationTrees.NodeRequest req) {
        return trees.update(Tree.ADMINISTRATIVE, id, req);
    }

    @PutMapping("/api/party-orgs/{id}")
    @Requires(ORG_MANAGE)
    TreeNode updatePartyOrg(@PathVariable long id, @Valid @RequestBody OrganizationTrees.NodeRequest req) {
        return trees.update(Tree.PARTY, id, req);
    }

    @PostMapping("/api/orgs/{id}/rename")
    @Requires(ORG_MANAGE)
    TreeNode renameOrg(@PathVariable long id, @Valid @RequestBody RenameRequest req) {
        return trees.rename(Tree.ADMINISTRATIVE, id, req.name());
    }

    @PostMapping("/api/party-orgs/{id}/rename")
    @Requires(ORG_MANAGE)
    TreeNode renamePartyOrg(@PathVariable long id, @Valid @RequestBody RenameRequest req) {
        return trees.rename(Tree.PARTY, id, req.name());
    }

    @PostMapping("/api/orgs/{id}/move")
    @Requires(ORG_MANAGE)
    TreeNode moveOrg(@PathVariable long id, @RequestBody MoveRequest req) {
        return trees.move(Tree.ADMINISTRATIVE, id, req.parentId());
    }

    @PostMapping("/api/party-orgs/{id}/move")
    @Requires(ORG_MANAGE)
    TreeNode movePartyOrg(@PathVariable long id, @RequestBody MoveRequest req) {
        return trees.move(Tree.PARTY, id, req.parentId());
    }

    @PostMapping("/api/orgs/{id}/retire")
    @Requires(ORG_MANAGE)
    Map<String, Integer> retireOrg(@PathVariable long id, @RequestBody(required = false) RetireRequest req) {
        return Map.of("retired", trees.retire(Tree.ADMINISTRATIVE, id, req == null ? null : req.on()));
    }

    @PostMapping("/api/party-orgs/{id}/retire")
    @Requires(ORG_MANAGE)
    Map<String, Integer> retirePartyOrg(@PathVariable long id, @RequestBody(required = false) RetireRequest req) {
        return Map.of("retired", trees.retire(Tree.PARTY, id, req == null ? null : req.on()));
    }
}
