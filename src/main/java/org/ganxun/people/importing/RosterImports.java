package org.ganxun.people.importing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.springframework.stereotype.Service;

/** Starting, reading and retrying import jobs for the current user. */
@Service
public class RosterImports {

    private final ImportJobs jobs;
    private final ImportWorker worker;
    private final ImportLimits limits;

    RosterImports(ImportJobs jobs, ImportWorker worker, ImportLimits limits) {
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
            throw new BusinessException("请选择导入方式：全部成功才导入（ALL_OR_NOTHING）或只导入正确的行（VALID_ROWS）");
        }
        FileType type = FileGuard.checkNameAndSize(fileName, data == null ? 0 : data.length, limits);
        int estimate = precheck(type, data);
        long id = jobs.create(user, remoteAddr, fileName, type, data, mode, estimate);
        worker.submit(id);
        return jobs.find(id).orElseThrow();
    }

    /** Rows the file seems to have (0 if unknown); rejects files that are not what their name says. */
    private int precheck(FileType type, byte[] data) {
        switch (type) {
            case XLSX -> {
                File temp = null;
                try {
                    temp = Files.createTempFile("ganxun-upload-", ".xlsx").toFile();
                    Files.write(temp.toPath(), data);
                    return Math.max(FileGuard.checkXlsx(temp, limits) - 1, 0);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    if (temp != null) {
                        temp.delete();
                    }
                }
            }
            case XLS -> {
                if (data.length < 8 || (data[0] & 0xFF) != 0xD0 || (data[1] & 0xFF) != 0xCF || (data[2] & 0xFF) != 0x11
                        || (data[3] & 0xFF) != 0xE0) {
                    throw new BusinessException("文件不是有效的 .xls 工作簿，请用 Excel 打开后另存为 .xlsx 再导入");
                }
                return 0;
            }
            default -> {
                int lines = 0;
                for (byte b : data) {
                    if (b == '\n') {
                        lines++;
                    }
                }
                if (lines > limits.maxRows() + 20) {
                    throw FileGuard.tooManyRows(limits, lines);
                }
                return Math.max(lines - 1, 0);
            }
        }
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
            throw BusinessException.conflict("只有失败的导入任务可以重新执行");
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
        ErrorReport.write(f, jobs.allErrors(id), out);
    }

    public void writeTemplate(OutputStream out) {
        TemplateWriter.write(out);
    }

    private void requireOwn(long id) {
        CurrentUser user = CurrentUsers.require();
        Long owner = jobs.ownerOf(id).orElseThrow(() -> BusinessException.notFound("导入任务"));
        if (owner != user.id() && user.role() != Role.SYSTEM_ADMIN) {
            throw BusinessException.notFound("导入任务");
        }
    }
}
