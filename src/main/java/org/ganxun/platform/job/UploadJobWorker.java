package org.ganxun.platform.job;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.ganxun.platform.excel.FileGuard;
import org.ganxun.platform.excel.FileType;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs jobs over uploaded files (the roster import, the online-hours import) in the background.
 *
 * <p>One database transaction per job: the rows, their audit entries and the job's final status commit
 * together. The transaction first takes a transaction-level advisory lock on the job, so any application
 * node can tell a job that is really running (lock held) from one whose server stopped (status RUNNING,
 * lock free: its transaction died with its connection and stored nothing). The sweep ({@link UploadJobSweep}) at
 * start-up and every minute marks such jobs FAILED, so they can be run again, and starts queued jobs that a stopped node never
 * began. The reading itself runs in a savepoint, so an all-or-nothing rejection or a failure rolls back the
 * rows while the job's end is still written in the same transaction, under the same lock.
 *
 * <p>The job runs as its uploader, rebuilt from the account (the security context is per thread), with the
 * account's current role and scope: a user who lost the right to import since uploading cannot import.
 *
 * @param <F> the stored upload
 * @param <O> the result of reading it
 */
public abstract class UploadJobWorker<F extends UploadJobWorker.Upload, O extends UploadJobWorker.Outcome>
        implements DisposableBean {

    /** What the worker needs of a stored upload. */
    public interface Upload {
        long ownerId();

        String ownerUsername();

        FileType type();

        ImportMode mode();

        byte[] data();
    }

    /** What the worker needs of the result of reading a file. */
    public interface Outcome {
        int errorRows();
    }

    /** How a job ended. */
    public enum End {
        COMPLETED,
        /** All-or-nothing with bad rows, or a file or uploader that cannot be imported: nothing stored. */
        REJECTED,
        /** An error: nothing stored; can be run again. */
        FAILED
    }

    private static final long PROGRESS_EVERY_MS = 300;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String table;
    private final int lockClass;
    private final UploadJobSupport support;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final TransactionTemplate newTx;
    private final ThreadPoolTaskExecutor executor;
    /** Jobs handed to this node's executor and not yet finished, so a sweep does not queue them twice. */
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();

    /**
     * @param table the job table: columns {@code id, status, message, processed_rows, finished_at}, statuses
     *              QUEUED / RUNNING / FAILED among others
     */
    protected UploadJobWorker(String table, String threadPrefix, int threads, UploadJobSupport support) {
        this.table = table;
        this.lockClass = lockClass(table);
        this.support = support;
        this.tx = new TransactionTemplate(support.transactions());
        this.savepoint = new TransactionTemplate(support.transactions());
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.newTx = new TransactionTemplate(support.transactions());
        newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(threadPrefix);
        executor.setCorePoolSize(Math.max(threads, 1));
        executor.setMaxPoolSize(Math.max(threads, 1));
        executor.setQueueCapacity(10_000);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        FileGuard.init();
    }

    /**
     * The advisory-lock class of a job table: a running job holds {@code pg_advisory_xact_lock(lockClass, id)}
     * (for operators who want to see which jobs run, and for tests that play another node).
     */
    public static int lockClass(String table) {
        return ("ganxun-job:" + table).hashCode();
    }

    // ---- what each kind of job says ----

    /** QUEUED → RUNNING, in its own transaction; false if the job is not queued (any more). */
    protected abstract boolean claim(long id);

    protected abstract Optional<F> upload(long id);

    /** Throws {@link BusinessException} when the uploader may no longer run this kind of job. */
    protected abstract void permit(CurrentUser uploader);

    /** Reads the file ({@code file}, or {@code csv} for a CSV upload) and stores its rows in the current transaction. */
    protected abstract O importRows(long id, F upload, File file, byte[] csv, CurrentUser uploader, IntConsumer progress);

    /** Rows read so far, in its own transaction (shown as the progress bar). */
    protected abstract void progress(long id, int processedRows);

    /**
     * Writes how the job ended, in the current transaction: the job's own, holding its lock, or (when that transaction
     * broke) a new one. {@code outcome} is null when the file was not read to its end.
     */
    protected abstract void finish(long id, End end, O outcome, String message);

    protected abstract String completedMessage(O outcome);

    /** The message of an all-or-nothing job that met bad rows. */
    protected abstract String rejectedMessage(O outcome);

    /** The message of a job found RUNNING with nobody running it. */
    protected abstract String interruptedMessage();

    /** Whether a failure means "this cannot be imported" (REJECTED) rather than an error (FAILED). */
    protected boolean isRejection(RuntimeException e) {
        return e instanceof BusinessException;
    }

    /** The message for a failure the kind of job expects (logged without a stack trace), or empty. */
    protected Optional<String> expectedFailure(Throwable e) {
        return Optional.empty();
    }

    protected String failedMessage(long id) {
        return "导入失败，未写入任何数据（服务器内部错误，详情已记入日志，任务号 " + id + "），可稍后重新执行";
    }

    // ---- running ----

    @Override
    public void destroy() {
        executor.shutdown();
    }

    /** Hands a queued job to this node's workers (a no-op if it is already waiting here). */
    public void submit(long id) {
        if (pending.add(id)) {
            executor.execute(() -> run(id));
        }
    }

    /** Runs one job to its end if it is queued and no one else runs it (also called directly by tests). */
    public void run(long id) {
        SecurityContext previous = SecurityContextHolder.getContext();
        File[] temp = {null};
        boolean[] claimed = {false};
        int[] rows = {0};
        End[] ended = {null};
        long started = System.nanoTime();
        try {
            tx.executeWithoutResult(status -> {
                if (!tryLock(id) || !claim(id)) {
                    return;
                }
                claimed[0] = true;
                F f = upload(id).orElseThrow();
                try {
                    CurrentUser user = uploader(f);
                    SecurityContext ctx = SecurityContextHolder.createEmptyContext();
                    ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
                    SecurityContextHolder.setContext(ctx);
                    temp[0] = materialise(id, f);
                    File file = temp[0];
                    byte[] csv = file == null ? f.data() : null;
                    IntConsumer throttled = throttled(id);
                    IntConsumer progress = processed -> {
                        rows[0] = processed;
                        throttled.accept(processed);
                    };
                    boolean allOrNothing = f.mode() == ImportMode.ALL_OR_NOTHING;
                    O o = savepoint.execute(s -> {
                        O read = importRows(id, f, file, csv, user, progress);
                        if (read.errorRows() > 0 && allOrNothing) {
                            s.setRollbackOnly(); // back to the savepoint: no row of the file stays
                        }
                        return read;
                    });
                    if (o.errorRows() > 0 && allOrNothing) {
                        finish(id, ended[0] = End.REJECTED, o, rejectedMessage(o));
                    } else {
                        finish(id, ended[0] = End.COMPLETED, o, completedMessage(o));
                    }
                } catch (RuntimeException e) {
                    if (isRejection(e)) {
                        finish(id, ended[0] = End.REJECTED, null, e.getMessage());
                    } else {
                        finish(id, ended[0] = End.FAILED, null, failure(id, e));
                    }
                } catch (Error e) {
                    finish(id, ended[0] = End.FAILED, null, failure(id, e));
                }
            });
        } catch (RuntimeException | Error e) {
            // the job's transaction itself broke (connection lost, commit failed): nothing of it was stored
            log.error("Job {} of {} could not be ended in its transaction", id, table, e);
            if (claimed[0]) {
                try {
                    newTx.executeWithoutResult(s -> finish(id, End.FAILED, null, failedMessage(id)));
                } catch (RuntimeException again) {
                    log.error("Job {} of {} stays RUNNING until the next sweep: {}", id, table, again.getMessage());
                }
            }
            ended[0] = End.FAILED;
        } finally {
            if (claimed[0] && ended[0] != null) {
                metered(ended[0], rows[0], System.nanoTime() - started);
            }
            pending.remove(id);
            SecurityContextHolder.setContext(previous);
            if (temp[0] != null && !temp[0].delete()) {
                temp[0].deleteOnExit();
            }
        }
    }

    /**
     * Jobs left RUNNING by a stopped server become FAILED (their data was rolled back with their
     * transaction); queued jobs nobody is running are started here. At start-up and every minute, on one node
     * at a time ({@link UploadJobSweep}): a job running on another node holds its lock and is left alone.
     */
    public void sweep() {
        List<Long> running = support.jdbc().sql(Unscoped.because("the job sweep, which runs as no one") + "select id from " + table + " where status = 'RUNNING' order by id")
                .query(Long.class).list();
        int failed = 0;
        for (long id : running) {
            Boolean marked = tx.execute(s -> tryLock(id) && support.jdbc().sql("update " + table
                            + " set status = 'FAILED', message = ?, finished_at = now(), processed_rows = 0"
                            + " where id = ? and status = 'RUNNING'")
                    .params(interruptedMessage(), id).update() == 1);
            if (Boolean.TRUE.equals(marked)) {
                failed++;
            }
        }
        if (failed > 0) {
            log.warn("{} job(s) of {} were interrupted by a server stop and are marked FAILED", failed, table);
        }
        for (long id : support.jdbc().sql(Unscoped.because("the job sweep, which runs as no one") + "select id from " + table + " where status = 'QUEUED' order by id")
                .query(Long.class).list()) {
            submit(id);
        }
    }

    /** Import throughput: rows read by the jobs that ended, and how long the jobs ran, on this node. */
    private void metered(End end, int rows, long nanos) {
        MeterRegistry meters = support.meters();
        if (end == End.COMPLETED) {
            Counter.builder("ganxun.import.rows").description("Rows read by completed import jobs on this node")
                    .tag("job", table).register(meters).increment(rows);
        }
        Timer.builder("ganxun.import.duration").description("Import jobs run on this node, by how they ended")
                .tag("job", table).tag("end", end.name().toLowerCase()).register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The job's lock, held until the current transaction ends; false if another transaction holds it. */
    private boolean tryLock(long id) {
        return Boolean.TRUE.equals(support.jdbc().sql("select pg_try_advisory_xact_lock(?, ?)")
                .params(lockClass, Math.toIntExact(id)).query(Boolean.class).single());
    }

    private String failure(long id, Throwable e) {
        Optional<String> expected = expectedFailure(e);
        if (expected.isPresent()) {
            log.warn("Job {} of {} failed: {}", id, table, e.getMessage());
            return expected.get();
        }
        log.error("Job {} of {} failed", id, table, e);
        return failedMessage(id);
    }

    private IntConsumer throttled(long id) {
        long[] last = {0};
        return processed -> {
            long now = System.currentTimeMillis();
            if (now - last[0] >= PROGRESS_EVERY_MS) {
                last[0] = now;
                progress(id, processed);
            }
        };
    }

    /** Spreadsheets are read from a temporary file (checked against zip bombs first); CSV from memory. */
    private File materialise(long id, F f) {
        if (f.type() == FileType.CSV) {
            return null;
        }
        try {
            File temp = Files.createTempFile("ganxun-job-" + id + "-", "." + f.type().name().toLowerCase()).toFile();
            Files.write(temp.toPath(), f.data());
            if (f.type() == FileType.XLSX) {
                FileGuard.checkXlsx(temp, support.limits());
            }
            return temp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CurrentUser uploader(F f) {
        UserDetails details;
        try {
            details = support.users().loadUserByUsername(f.ownerUsername());
        } catch (UsernameNotFoundException e) {
            throw new BusinessException("上传该文件的账号已不存在，不能执行导入");
        }
        if (!(details instanceof CurrentUser u) || u.id() != f.ownerId()) {
            throw new BusinessException("上传该文件的账号已不存在，不能执行导入");
        }
        if (!u.enabled()) {
            throw new BusinessException("上传该文件的账号已停用，不能执行导入");
        }
        permit(u);
        return u.withoutPassword();
    }
}
