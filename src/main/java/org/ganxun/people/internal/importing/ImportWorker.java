package org.ganxun.people.internal.importing;

import org.ganxun.platform.security.Permission;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.job.UploadJobSupport;
import org.ganxun.platform.job.UploadJobWorker;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.web.BusinessException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Runs roster imports in the background (see {@link UploadJobWorker}): the cadres, their post history
 * and audit entries and the job's end commit together, so a server that stops half-way leaves no rows.
 */
@Component
class ImportWorker extends UploadJobWorker<ImportJobs.StoredFile, RosterImporter.Outcome> {

    private final ImportJobs jobs;
    private final RosterImporter importer;

    ImportWorker(ImportJobs jobs, RosterImporter importer, UploadJobSupport support,
                 @Value("${ganxun.import.workers:1}") int workers) {
        super("import_job", "roster-import-", workers, support);
        this.jobs = jobs;
        this.importer = importer;
    }

    @Override
    protected boolean claim(long id) {
        return jobs.claim(id);
    }

    @Override
    protected Optional<ImportJobs.StoredFile> upload(long id) {
        return jobs.file(id);
    }

    @Override
    protected void permit(CurrentUser uploader) {
        if (!uploader.can(Permission.ROSTER_IMPORT)) {
            throw new BusinessException("上传该文件的账号已无维护花名册的权限，不能执行导入");
        }
    }

    @Override
    protected RosterImporter.Outcome importRows(long id, ImportJobs.StoredFile f, File file, byte[] csv, CurrentUser uploader,
                                                IntConsumer progress) {
        return importer.run(f.type(), file, csv, f.mode(), uploader, f.remoteAddr(), progress::accept);
    }

    @Override
    protected void progress(long id, int processedRows) {
        jobs.progress(id, processedRows, processedRows);
    }

    @Override
    protected void finish(long id, End end, RosterImporter.Outcome o, String message) {
        ImportJob.Status status = ImportJob.Status.valueOf(end.name());
        boolean stored = end == End.COMPLETED && o != null;
        int total = o == null ? 0 : o.totalRows();
        int errorRows = o == null ? 0 : o.errorRows();
        List<org.ganxun.platform.excel.RowError> errors = o == null ? List.of() : o.errors();
        int created = stored ? o.createdCount() : 0;
        int updated = stored ? o.updatedCount() : 0;
        int unchanged = stored ? o.unchangedCount() : 0;
        jobs.finish(id, status, total, created, updated, unchanged, errorRows, errors, message);
    }

    @Override
    protected String completedMessage(RosterImporter.Outcome o) {
        return o.message();
    }

    @Override
    protected String rejectedMessage(RosterImporter.Outcome o) {
        return "有" + o.errorRows() + "行数据有误，按“" + ImportMode.ALL_OR_NOTHING.label() + "”的方式，本次未导入任何数据。请下载错误报告修改后重新导入";
    }

    @Override
    protected String interruptedMessage() {
        return ImportJobs.INTERRUPTED;
    }

    @Override
    protected boolean isRejection(RuntimeException e) {
        return e instanceof ImportRejected || super.isRejection(e);
    }

    @Override
    protected Optional<String> expectedFailure(Throwable e) {
        // someone saved a cadre with one of the file's citizen IDs while this import ran
        if (e instanceof DuplicateKeyException) {
            return Optional.of("导入期间有人同时录入了文件中某位干部，为避免重复，本次未写入任何数据。请重新执行导入（已有的人员会按公民身份号码更新）");
        }
        // someone saved one of the file's cadres after the import read them
        if (e instanceof OptimisticLockingFailureException) {
            return Optional.of("导入期间有人修改了文件中某位干部的信息，为避免覆盖其修改，本次未写入任何数据。请核对后重新执行导入");
        }
        return Optional.empty();
    }
}
