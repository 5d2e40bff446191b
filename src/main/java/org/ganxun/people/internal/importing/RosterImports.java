package org.ganxun.people.internal.importing;

import org.ganxun.platform.security.DataScopeKind;
import java.io.OutputStream;
import java.util.List;

import org.ganxun.platform.excel.ErrorReport;
import org.ganxun.platform.excel.FileGuard;
import org.ganxun.platform.excel.FileType;
import org.ganxun.platform.excel.ImportLimits;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.web.BusinessException;
import org.springframework.stereotype.Service;

/** Starting, reading and retrying import jobs for the current user. */
@Service
public class RosterImports {

    private final ImportJobs jobs;
    private final ImportWorker worker;
    private final ImportLimits limits;
    private final org.ganxun.people.CodeTables codes;

    RosterImports(ImportJobs jobs, ImportWorker worker, ImportLimits limits, org.ganxun.people.CodeTables codes) {
        this.codes = codes;
        this.jobs = jobs;
        this.worker = worker;
        this.limits = limits;
    }

    /**
     * Checks the file (type, size, and for .xlsx zip bombs and the declared number of rows), stores it as a
     * QUEUED job and hands it to the background worker. Returns at once.
     */
    public ImportJob start(String fileName, byte[] data, ImportMode mode, String remoteAddr) {
        CurrentUser user = CurrentUsers.require();
        if (mode == null) {
            throw new BusinessException("请选择导入方式：“" + ImportMode.ALL_OR_NOTHING.label() + "”或“" + ImportMode.VALID_ROWS.label() + "”");
        }
        int[] estimate = new int[1];
        FileType type = FileGuard.precheck(fileName, data, limits, estimate);
        long id = jobs.create(user, remoteAddr, fileName, type, data, mode, estimate[0]);
        worker.submit(id);
        return jobs.find(id).orElseThrow();
    }

    public ImportJob get(long id) {
        requireOwn(id);
        return jobs.find(id).orElseThrow(() -> BusinessException.notFound("导入任务"));
    }

    public List<ImportJob> recent() {
        return jobs.recent(CurrentUsers.require().id(), 20);
    }

    public ImportJob retry(long id) {
        requireOwn(id);
        if (!jobs.requeue(id)) {
            throw BusinessException.conflict("只有执行失败、原文件仍在保留期内的导入任务可以重新执行");
        }
        worker.submit(id);
        return jobs.find(id).orElseThrow();
    }

    public String fileName(long id) {
        requireOwn(id);
        return jobs.file(id).map(ImportJobs.StoredFile::fileName).orElseThrow();
    }

    public void writeErrorReport(long id, OutputStream out) {
        requireOwn(id);
        ImportJobs.StoredFile f = jobs.file(id).orElseThrow(() -> BusinessException.notFound("导入任务"));
        if (f.data() == null) {
            throw new BusinessException(410, "该任务的原文件已按保留期限删除，无法生成错误报告，请修正原表格后重新导入", List.of());
        }
        ErrorReport.write(f.type(), f.data(), f.mode() == ImportMode.ALL_OR_NOTHING,
                row -> row.excelRow() <= RosterImporter.HEADER_SEARCH_ROWS && RosterImporter.looksLikeHeader(row),
                jobs.allErrors(id), out);
    }

    public void writeTemplate(OutputStream out) {
        TemplateWriter.write(out, codes);
    }

    private void requireOwn(long id) {
        CurrentUser user = CurrentUsers.require();
        Long owner = jobs.ownerOf(id).orElseThrow(() -> BusinessException.notFound("导入任务"));
        if (owner != user.id() && user.dataScope() != DataScopeKind.ALL) {
            throw BusinessException.notFound("导入任务");
        }
    }
}
