package org.ganxun.archive.online;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import org.ganxun.platform.excel.FileGuard;
import org.ganxun.platform.excel.FileType;
import org.ganxun.platform.excel.ImportLimits;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs online-learning imports in the background, one transaction per job (as the roster import does):
 * the entries, their audit entries, the events that refresh standings and the job's final status commit
 * together, so a failure or a server stop leaves nothing half-written. The job runs as its uploader with
 * the account's current scope.
 */
@Component
class OnlineImportWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OnlineImportWorker.class);
    private static final long PROGRESS_EVERY_MS = 300;

    private final OnlineImportStore store;
    private final OnlineImporter importer;
    private final UserDetailsService users;
    private final TransactionTemplate tx;
    private final ImportLimits limits;
    private final ThreadPoolTaskExecutor executor;

    OnlineImportWorker(OnlineImportStore store, OnlineImporter importer, UserDetailsService users, PlatformTransactionManager tm,
                       ImportLimits limits) {
        this.store = store;
        this.importer = importer;
        this.users = users;
        this.limits = limits;
        this.tx = new TransactionTemplate(tm);
        this.executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("online-import-");
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(10_000);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        FileGuard.init();
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }

    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        int failed = store.failInterrupted();
        if (failed > 0) {
            log.warn("{} online import(s) were interrupted by a server stop and are marked FAILED", failed);
        }
        for (long id : store.queued()) {
            submit(id);
        }
    }

    void submit(long id) {
        executor.execute(() -> run(id));
    }

    /** Runs one queued job to its end (also called directly by tests). */
    void run(long id) {
        if (!store.claim(id)) {
            return;
        }
        OnlineImportStore.StoredFile f = store.file(id).orElseThrow();
        Map<Integer, String> titles = new HashMap<>();
        store.find(id).orElseThrow().columns().forEach(c -> titles.put(c.index(), c.title()));
        SecurityContext previous = SecurityContextHolder.getContext();
        File temp = null;
        try {
            CurrentUser user = uploader(f);
            SecurityContext ctx = SecurityContextHolder.createEmptyContext();
            ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
            SecurityContextHolder.setContext(ctx);
            byte[] csv = f.data();
            if (f.type() != FileType.CSV) {
                temp = Files.createTempFile("ganxun-online-" + id + "-", "." + f.type().name().toLowerCase()).toFile();
                Files.write(temp.toPath(), f.data());
                if (f.type() == FileType.XLSX) {
                    FileGuard.checkXlsx(temp, limits);
                }
                csv = null;
            }
            File file = temp;
            byte[] bytes = csv;
            long[] last = {0};
            OnlineImporter.Outcome outcome = tx.execute(status -> {
                OnlineImporter.Outcome o = importer.run(f, file, bytes, titles, user, processed -> {
                    long now = System.currentTimeMillis();
                    if (now - last[0] >= PROGRESS_EVERY_MS) {
                        last[0] = now;
                        store.progress(id, processed);
                    }
                });
                if (o.errorRows() > 0 && f.mode() == ImportMode.ALL_OR_NOTHING) {
                    status.setRollbackOnly();
                } else {
                    store.finishInCurrentTransaction(id, OnlineImport.Status.COMPLETED, o, completed(o));
                }
                return o;
            });
            if (outcome != null && outcome.errorRows() > 0 && f.mode() == ImportMode.ALL_OR_NOTHING) {
                store.finishInNewTransaction(id, OnlineImport.Status.REJECTED, outcome, "有" + outcome.errorRows()
                        + "行数据有误，按“全部正确才导入”的方式，本次未计入任何学时。请下载错误报告修改后重新上传，"
                        + "或调整列的对应关系后再次执行");
            }
        } catch (BusinessException e) {
            store.finishInNewTransaction(id, OnlineImport.Status.REJECTED, null, e.getMessage());
        } catch (RuntimeException | IOException | Error e) {
            log.error("Online import {} failed", id, e);
            store.finishInNewTransaction(id, OnlineImport.Status.FAILED, null,
                    "导入失败，未计入任何学时（服务器内部错误，详情已记入日志，任务号 " + id + "），可稍后重新执行");
        } finally {
            SecurityContextHolder.setContext(previous);
            if (temp != null && !temp.delete()) {
                temp.deleteOnExit();
            }
        }
    }

    static String completed(OnlineImporter.Outcome o) {
        StringBuilder b = new StringBuilder("共").append(o.totalRows()).append("行，计入").append(o.credited()).append("条、")
                .append(o.creditedHours().stripTrailingZeros().toPlainString()).append("学时");
        if (o.skipped() > 0) {
            b.append("；").append(o.skipped()).append("条此前已计入，未重复计入");
        }
        if (o.errorRows() > 0) {
            b.append("；").append(o.errorRows()).append("行有误未导入，请下载错误报告");
        }
        return b.toString();
    }

    private CurrentUser uploader(OnlineImportStore.StoredFile f) {
        UserDetails details;
        try {
            details = users.loadUserByUsername(f.ownerUsername());
        } catch (UsernameNotFoundException e) {
            throw new BusinessException("上传该文件的账号已不存在，不能执行导入");
        }
        if (!(details instanceof CurrentUser u) || u.id() != f.ownerId()) {
            throw new BusinessException("上传该文件的账号已不存在，不能执行导入");
        }
        if (!u.enabled()) {
            throw new BusinessException("上传该文件的账号已停用，不能执行导入");
        }
        if (u.role() != Role.SYSTEM_ADMIN && u.role() != Role.ORG_DEPT_ADMIN) {
            throw new BusinessException("上传该文件的账号已无导入网络学时的权限，不能执行导入");
        }
        return u.withoutPassword();
    }
}
