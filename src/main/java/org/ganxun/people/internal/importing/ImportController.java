package org.ganxun.people.internal.importing;

import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ganxun.audit.AuditLog;
import org.ganxun.platform.excel.ImportMode;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final RosterImports imports;
    private final AuditLog audit;

    ImportController(RosterImports imports, AuditLog audit) {
        this.audit = audit;
        this.imports = imports;
    }

    @GetMapping("/template")
    void template(HttpServletResponse res) throws IOException {
        attachment(res, "干部信息导入模板.xlsx");
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
        String name = imports.fileName(id).replaceAll("\\.(xlsx|xls|csv)$", "");
        audit.recordExport("ImportJob", id, "花名册导入错误报告：" + imports.fileName(id), AuditLog.filter("importId", id),
                imports.get(id).errorRowCount());
        attachment(res, name + "-错误报告.xlsx");
        imports.writeErrorReport(id, res.getOutputStream());
    }

    @PostMapping("/{id}/retry")
    ImportJob retry(@PathVariable long id) {
        return imports.retry(id);
    }

    static void attachment(HttpServletResponse res, String fileName) {
        res.setContentType(XLSX);
        res.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
    }
}
