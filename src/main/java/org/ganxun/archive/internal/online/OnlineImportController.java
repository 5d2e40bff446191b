package org.ganxun.archive.internal.online;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ganxun.audit.AuditLog;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.web.Downloads;
import org.ganxun.platform.excel.ErrorReport;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** 网络学时导入: upload, map the columns, run in the background, poll, error report. */
@RestController
@RequestMapping("/api/archive/online-imports")
@Requires(ONLINE_IMPORT)
class OnlineImportController {

    private final OnlineImports imports;
    private final AuditLog audit;

    OnlineImportController(OnlineImports imports, AuditLog audit) {
        this.audit = audit;
        this.imports = imports;
    }

    record StartRequest(Map<OnlineColumn, Integer> mapping, @Size(max = 100, message = "平台名称最多{max}个字") String platform,
                        ImportMode mode) {
    }

    @GetMapping("/fields")
    List<OnlineImport.Field> fields() {
        return OnlineImports.fields();
    }

    @PostMapping
    OnlineImport upload(@RequestParam("file") MultipartFile file, HttpServletRequest req) throws IOException {
        return imports.upload(file.getOriginalFilename(), file.getBytes(), req.getRemoteAddr());
    }

    @GetMapping
    List<OnlineImport> recent() {
        return imports.recent();
    }

    @GetMapping("/{id}")
    OnlineImport get(@PathVariable long id) {
        return imports.get(id);
    }

    @PostMapping("/{id}/start")
    OnlineImport start(@PathVariable long id, @Valid @RequestBody StartRequest req) {
        return imports.start(id, req.mapping(), req.platform(), req.mode());
    }

    @PostMapping("/{id}/retry")
    OnlineImport retry(@PathVariable long id) {
        return imports.retry(id);
    }

    @GetMapping("/{id}/errors.xlsx")
    void errors(@PathVariable long id, HttpServletResponse res) throws IOException {
        audit.recordExport("OnlineImport", id, "网络学时导入错误报告：" + imports.fileName(id), AuditLog.filter("importId", id),
                imports.get(id).errorRowCount());
        Downloads.attachment(res, ErrorReport.fileName(imports.fileName(id)), Downloads.XLSX);
        imports.writeErrorReport(id, res.getOutputStream());
    }
}
