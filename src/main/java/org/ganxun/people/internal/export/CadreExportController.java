package org.ganxun.people.internal.export;

import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletResponse;
import org.ganxun.people.CadreQuery;
import org.ganxun.platform.web.Downloads;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/cadres/export?<filters>}: the roster list's rows for those filters, as .xlsx. */
@RestController
class CadreExportController {

    private final RosterExport export;
    private final Clock clock;

    CadreExportController(RosterExport export, Clock clock) {
        this.clock = clock;
        this.export = export;
    }

    @GetMapping("/api/cadres/export")
    @Requires(ROSTER_EXPORT)
    void export(@ModelAttribute CadreQuery query, HttpServletResponse res) throws IOException {
        Downloads.attachment(res, "干部名册-" + LocalDate.now(clock) + ".xlsx", Downloads.XLSX);
        export.write(query, res.getOutputStream());
    }
}
