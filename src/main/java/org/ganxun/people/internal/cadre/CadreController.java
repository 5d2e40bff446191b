package org.ganxun.people.internal.cadre;

import jakarta.validation.Valid;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.CadreSearch;
import org.ganxun.people.CadreStatus;
import org.ganxun.people.CadreView;
import org.ganxun.people.CodeSet;
import org.ganxun.people.CodeTables;
import org.ganxun.people.Education;
import org.ganxun.people.Gender;
import org.ganxun.people.Labeled;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.web.Option;

import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import org.ganxun.platform.security.SignedIn;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cadres")
class CadreController {

    private final CadreSearch search;
    private final Roster roster;
    private final CodeTables codes;

    CadreController(CadreSearch search, Roster roster, CodeTables codes) {
        this.codes = codes;
        this.search = search;
        this.roster = roster;
    }

    /** Dictionaries for selects and filters (the UI shows the labels). */
    @GetMapping("/dictionaries")
    @SignedIn("code lists for selects, nothing personal")
    Map<String, List<Option>> dictionaries() {
        Map<String, List<Option>> m = new LinkedHashMap<>();
        m.put("gender", options(Gender.values()));
        m.put("rankLevel", options(RankLevel.values()));
        m.put("rankGrade", options(RankGrade.values()));
        m.put("staffCategory", options(StaffCategory.values()));
        m.put("education", options(Education.values()));
        m.put("politicalStatus", options(PoliticalStatus.values()));
        m.put("status", options(CadreStatus.values()));
        // the code tables: value = standard code
        m.put("politicalStatusCode", codes(CodeSet.POLITICAL_STATUS));
        m.put("ethnicity", codes.items(CodeSet.ETHNICITY).stream().map(i -> new Option(i.name(), i.name())).toList());
        m.put("educationCode", codes(CodeSet.EDUCATION));
        m.put("rankTitle", codes(CodeSet.RANK_TITLE));
        return m;
    }

    private List<Option> codes(CodeSet set) {
        return codes.items(set).stream().map(i -> new Option(i.code(), i.label())).toList();
    }

    private static List<Option> options(Labeled[] values) {
        return Arrays.stream(values).map(v -> new Option(((Enum<?>) v).name(), v.label())).toList();
    }

    @GetMapping
    @Requires({ROSTER_VIEW, SELF_SERVICE})
    CadreSearch.Page list(@ModelAttribute CadreQuery query,
                          @RequestParam(defaultValue = "1") int page,
                          @RequestParam(defaultValue = "20") int size) {
        return search.page(query, page, size);
    }

    @GetMapping("/{id}")
    @Requires({ROSTER_VIEW, SELF_SERVICE})
    CadreView get(@PathVariable long id) {
        return roster.get(id);
    }

    @GetMapping("/{id}/history")
    @Requires({ROSTER_VIEW, SELF_SERVICE})
    List<PostHistoryEntry> history(@PathVariable long id) {
        return roster.history(id);
    }

    @PostMapping
    @Requires(ROSTER_EDIT)
    CadreView create(@Valid @RequestBody CadreForm form) {
        return roster.create(form);
    }

    @PutMapping("/{id}")
    @Requires(ROSTER_EDIT)
    CadreView update(@PathVariable long id, @Valid @RequestBody CadreForm form) {
        return roster.update(id, form);
    }
}
