package org.ganxun.people.internal.importing;

import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ganxun.audit.AuditLog;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.web.Downloads;
import org.ganxun.platform.excel.ErrorReport;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The roster import: template, upload (background job), progress, error report, retry. */
@RestController
@RequestMapping("/api/cadres/import")
@Requires(ROSTER_IMPORT)
class ImportController {


    private final RosterImports imports;
    private final AuditLog audit;

    ImportController(RosterImports imports, AuditLog audit) {
        this.audit = audit;
        this.imports = imports;
    }

    @GetMapping("/template")
    void template(HttpServletResponse res) throws IOException {
        Downloads.attachment(res, "干部信息导入模板.xlsx", Downloads.XLSX);
        imports.writeTemplate(res.getOutputStream());
    }

    @PostMapping
    ImportJob start(@RequestParam("file") MultipartFile file, @RequestParam("mode") ImportMode mode,
                    HttpServletRequest req) throws IOException {
        return imports.start(file.getOriginalFilename(), file.getBytes(), mode, req.getRemoteAddr());
    }

    @GetMapping
    List<ImportJob> recent() {
        return imports.recent();
    }

    @GetMapping("/{id}")
    ImportJob get(@PathVariable long id) {
        return imports.get(id);
    }

    @GetMapping("/{id}/errors.xlsx")
    void errors(@PathVariable long id, HttpServletResponse res) throws IOException {
        audit.recordExport("ImportJob", id, "花名册导入错误报告：" + imports.fileName(id), AuditLog.filter("importId", id),
                imports.get(id).errorRowCount());
        Downloads.attachment(res, ErrorReport.fileName(imports.fileName(id)), Downloads.XLSX);
        imports.writeErrorReport(id, res.getOutputStream());
    }

    @PostMapping("/{id}/retry")
    ImportJob retry(@PathVariable long id) {
        return imports.retry(id);
    }
}
