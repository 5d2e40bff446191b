package org.ganxun.people.importing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.ganxun.platform.excel.FileGuard;
import org.ganxun.platform.excel.FileType;
import org.ganxun.platform.excel.ImportLimits;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
 * Runs import jobs in the background, one transaction per job: the rows, their history and audit
 * entries and the job's final status commit together, so a server that stops half-way leaves no rows
 * (at the next start such jobs are marked FAILED and can be retried). The job runs as its uploader,
 * rebuilt from the account (the security context is per thread), with the account's current scope.
 */
@Component
class ImportWorker implements org.springframework.beans.factory.DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);
    private static final long PROGRESS_EVERY_MS = 300;

    private final ImportJobs jobs;
    private final RosterImporter importer;
    private final UserDetailsService users;
    private final TransactionTemplate tx;
    private final ThreadPoolTaskExecutor executor;
    private final ImportLimits limits;

    ImportWorker(ImportJobs jobs, RosterImporter importer, UserDetailsService users, PlatformTransactionManager tm,
                 ImportLimits limits, @Value("${ganxun.import.workers:1}") int workers) {
        this.jobs = jobs;
        this.limits = limits;
        this.importer = importer;
        this.users = users;
        this.tx = new TransactionTemplate(tm);
        this.executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("roster-import-");
        executor.setCorePoolSize(Math.max(workers, 1));
        executor.setMaxPoolSize(Math.max(workers, 1));
        executor.setQueueCapacity(10_000);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        FileGuard.init();
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }

    /** Jobs left RUNNING by a stopped server become FAILED; jobs still QUEUED are queued again. */
    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        int failed = jobs.failInterrupted();
        if (failed > 0) {
            log.warn("{} import job(s) were interrupted by a server stop and are marked FAILED", failed);
        }
        for (long id : jobs.queued()) {
            submit(id);
        }
    }

    void submit(long jobId) {
        executor.execute(() -> run(jobId));
    }

    /** Runs one queued job to its end (also called directly by tests). */
    void run(long jobId) {
        if (!jobs.claim(jobId)) {
            return;
        }
        ImportJobs.StoredFile f = jobs.file(jobId).orElseThrow();
        SecurityContext previous = SecurityContextHolder.getContext();
        File temp = null;
        try {
            CurrentUser user = uploader(f);
            SecurityContext ctx = SecurityContextHolder.createEmptyContext();
            ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
            SecurityContextHolder.setContext(ctx);
            byte[] bytes = f.data();
            if (f.type() != FileType.CSV) {
                temp = Files.createTempFile("ganxun-import-" + jobId + "-", "." + f.type().name().toLowerCase()).toFile();
                Files.write(temp.toPath(), bytes);
                if (f.type() == FileType.XLSX) {
                    FileGuard.checkXlsx(temp, limits);
                }
                bytes = null; // the temp file is read from now on
            }
            File file = temp;
            byte[] csv = bytes;
            long[] last = {0};
            RosterImporter.Outcome outcome = tx.execute(status -> {
                RosterImporter.Outcome o = importer.run(f.type(), file, csv, f.mode(), user, f.remoteAddr(), processed -> {
                    long now = System.currentTimeMillis();
                    if (now - last[0] >= PROGRESS_EVERY_MS) {
                        last[0] = now;
                        jobs.progress(jobId, processed, processed);
                    }
                });
                if (o.errorRows() > 0 && f.mode() == ImportMode.ALL_OR_NOTHING) {
                    status.setRollbackOnly();
                } else {
                    jobs.finishInCurrentTransaction(jobId, ImportJob.Status.COMPLETED, o.totalRows(), o.createdCount(),
                            o.updatedCount(), o.errorRows(), o.errors(), o.message());
                }
                return o;
            });
            if (outcome != null && outcome.errorRows() > 0 && f.mode() == ImportMode.ALL_OR_NOTHING) {
                jobs.finishInNewTransaction(jobId, ImportJob.Status.REJECTED, outcome.totalRows(), 0, 0,
                        outcome.errorRows(), outcome.errors(), "有" + outcome.errorRows() + "行数据有误，按“全部成功才导入”的方式，"
                                + "本次未导入任何数据。请下载错误报告修改后重新导入");
            }
        } catch (ImportRejected | org.ganxun.platform.web.BusinessException e) {
            jobs.finishInNewTransaction(jobId, ImportJob.Status.REJECTED, 0, 0, 0, 0, List.of(), e.getMessage());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // someone saved a cadre with one of the file's citizen IDs while this import ran
            log.warn("Import job {} met a concurrent change: {}", jobId, e.getMessage());
            jobs.finishInNewTransaction(jobId, ImportJob.Status.FAILED, 0, 0, 0, 0, List.of(),
                    "导入期间有人同时录入了文件中某位干部，为避免重复，本次未写入任何数据。请重新执行导入（已有的人员会按公民身份号码更新）");
        } catch (RuntimeException | IOException | Error e) {
            log.error("Import job {} failed", jobId, e);
            jobs.finishInNewTransaction(jobId, ImportJob.Status.FAILED, 0, 0, 0, 0, List.of(),
                    "导入失败，未写入任何数据（服务器内部错误，详情已记入日志，任务号 " + jobId + "），可稍后重新执行");
        } finally {
            SecurityContextHolder.setContext(previous);
            if (temp != null && !temp.delete()) {
                temp.deleteOnExit();
            }
        }
    }

    private CurrentUser uploader(ImportJobs.StoredFile f) {
        UserDetails details;
        try {
            details = users.loadUserByUsername(f.ownerUsername());
        } catch (UsernameNotFoundException e) {
            throw new org.ganxun.platform.web.BusinessException("上传该文件的账号已不存在，不能执行导入");
        }
        if (!(details instanceof CurrentUser u) || u.id() != f.ownerId()) {
            throw new org.ganxun.platform.web.BusinessException("上传该文件的账号已不存在，不能执行导入");
        }
        if (!u.enabled()) {
            throw new org.ganxun.platform.web.BusinessException("上传该文件的账号已停用，不能执行导入");
        }
        if (!u.role().managesRoster()) {
            throw new org.ganxun.platform.web.BusinessException("上传该文件的账号已无维护花名册的权限，不能执行导入");
        }
        return u.withoutPassword();
    }
}
