package org.ganxun.archive.internal.online;

import org.ganxun.platform.security.Permission;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.job.UploadJobSupport;
import org.ganxun.platform.job.UploadJobWorker;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.web.BusinessException;
import org.springframework.stereotype.Component;

/**
 * Runs online-learning imports in the background (see {@link UploadJobWorker}): the entries, their audit
 * entries, the events that refresh standings and the job's end commit together, so a failure or a
 * server stop leaves nothing half-written.
 */
@Component
class OnlineImportWorker extends UploadJobWorker<OnlineImportStore.StoredFile, OnlineImporter.Outcome> {

    private final OnlineImportStore store;
    private final OnlineImporter importer;

    OnlineImportWorker(OnlineImportStore store, OnlineImporter importer, UploadJobSupport support) {
        super("online_import", "online-import-", 1, support);
        this.store = store;
        this.importer = importer;
    }

    @Override
    protected boolean claim(long id) {
        return store.claim(id);
    }

    @Override
    protected Optional<OnlineImportStore.StoredFile> upload(long id) {
        return store.file(id);
    }

    @Override
    protected void permit(CurrentUser uploader) {
        if (!uploader.can(Permission.ONLINE_IMPORT)) {
            throw new BusinessException("上传该文件的账号已无导入网络学时的权限，不能执行导入");
        }
    }

    @Override
    protected OnlineImporter.Outcome importRows(long id, OnlineImportStore.StoredFile f, File file, byte[] csv,
                                                CurrentUser uploader, IntConsumer progress) {
        Map<Integer, String> titles = new HashMap<>();
        store.find(id).orElseThrow().columns().forEach(c -> titles.put(c.index(), c.title()));
        return importer.run(f, file, csv, titles, uploader, progress::accept);
    }

    @Override
    protected void progress(long id, int processedRows) {
        store.progress(id, processedRows);
    }

    @Override
    protected void finish(long id, End end, OnlineImporter.Outcome o, String message) {
        store.finish(id, OnlineImport.Status.valueOf(end.name()), o, message);
    }

    @Override
    protected String completedMessage(OnlineImporter.Outcome o) {
        return completed(o);
    }

    @Override
    protected String rejectedMessage(OnlineImporter.Outcome o) {
        return "有" + o.errorRows() + "行数据有误，按“" + ImportMode.ALL_OR_NOTHING.label() + "”的方式，本次未计入任何学时。请下载错误报告修改后重新上传，"
                + "或调整列的对应关系后再次执行";
    }

    @Override
    protected String interruptedMessage() {
        return OnlineImportStore.INTERRUPTED;
    }

    static String completed(OnlineImporter.Outcome o) {
        StringBuilder b = new StringBuilder("共").append(o.totalRows()).append("行，计入").append(o.credited()).append("条、")
                .append(o.creditedHours().stripTrailingZeros().toPlainString()).append("学时");
        if (o.skipped() > 0) {
            b.append("；").append(o.skipped()).append("条此前已计入（或本年已在网络学院学完同名课程），未重复计入");
        }
        if (o.errorRows() > 0) {
            b.append("；").append(o.errorRows()).append("行有误未导入，请下载错误报告");
        }
        return b.toString();
    }
}
