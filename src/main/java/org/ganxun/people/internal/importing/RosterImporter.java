package org.ganxun.people.internal.importing;

import java.io.File;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.ganxun.org.DataScopes;
import org.ganxun.people.internal.cadre.CadreForm;
import org.ganxun.people.CodeItem;
import org.ganxun.people.CodeSet;
import org.ganxun.people.CodeTables;
import org.ganxun.people.internal.cadre.CodeValues;
import org.ganxun.people.internal.cadre.Leadership;
import org.ganxun.people.PersonNo;
import org.ganxun.people.internal.cadre.CadreValidator;
import org.ganxun.people.CadreView;
import org.ganxun.people.CitizenId;
import org.ganxun.people.Education;
import org.ganxun.people.Gender;
import org.ganxun.people.Labeled;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.RosterBatch;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.excel.CellText;
import org.ganxun.platform.excel.FileGuard;
import org.ganxun.platform.excel.FileType;
import org.ganxun.platform.excel.ImportLimits;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.excel.RowError;
import org.ganxun.platform.excel.SheetReader;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Phones;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a roster file and writes its rows, in the caller's transaction: finds the header below any title
 * rows, reads every row into a {@link CadreForm} (synonyms, dates and yes/no the ways clerks write them),
 * checks it with {@link CadreValidator}, resolves units within the importer's scope, and writes good rows
 * 2,000 at a time through {@link RosterBatch}. A reader thread does all of that up to rendering each batch
 * ({@link RosterBatch#prepare}); the transaction's thread only stores the rendered batches, so the Java work
 * of one batch overlaps with the database's work on the one before. The reader runs ahead by at most two
 * batches; only those and the (small) list of errors are held in memory.
 */
@Component
class RosterImporter {

    static final int BATCH = 2000;
    static final int HEADER_SEARCH_ROWS = 10;
    /** Errors kept for the report; beyond this only the count grows. */
    static final int MAX_ERRORS = 100_000;

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final RosterBatch batch;
    private final ImportLimits limits;
    private final CodeTables codes;
    private final Clock clock;

    RosterImporter(JdbcClient jdbc, DataScopes scopes, RosterBatch batch, ImportLimits limits, CodeTables codes, Clock clock) {
        this.clock = clock;
        this.codes = codes;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.batch = batch;
        this.limits = limits;
    }

    /** Receives progress (rows done so far); called after every batch. */
    interface Progress {
        void update(int processedRows);
    }

    /** What happened; when {@code errorRows > 0} in ALL_OR_NOTHING mode the caller rolls back. */
    record Outcome(int totalRows, int createdCount, int updatedCount, int unchangedCount, int errorRows,
                   List<RowError> errors, String message) implements org.ganxun.platform.job.UploadJobWorker.Outcome {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome run(FileType type, File file, byte[] bytes, ImportMode mode, CurrentUser user, String remoteAddr,
                       Progress progress) {
        Run run = new Run(mode, user, remoteAddr, progress);
        // Reading and checking the file overlaps with writing: a reader thread parses rows into batches,
        // this (the transaction's) thread looks up, validates and writes them.
        BlockingQueue<Ready> queue = new ArrayBlockingQueue<>(2);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                SheetReader.read(type, file, bytes, row -> run.accept(row, queue, stop));
                run.handOff(queue, stop);
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                run.pending.clear();
                offerEnd(queue, stop);
            }
        }, "roster-import-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Ready next = queue.poll(200, TimeUnit.MILLISECONDS);
                if (next == END) {
                    break;
                }
                if (next != null) {
                    run.store(next);
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } finally {
            stop.set(true);
        }
        RuntimeException e = failure.get();
        if (e != null) {
            ImportRejected rejected = find(e, ImportRejected.class);
            if (rejected != null) {
                throw rejected;
            }
            if (FileGuard.isZipBomb(e)) {
                throw new ImportRejected(FileGuard.ZIP_BOMB);
            }
            throw e;
        }
        if (run.columns == null) {
            throw new ImportRejected(noHeader());
        }
        run.errors.sort((a, b) -> Integer.compare(a.row(), b.row()));
        List<String> notes = new ArrayList<>();
        if (!run.ignored.isEmpty()) {
            notes.add("已忽略无法识别的列：" + String.join("、", run.ignored));
        }
        boolean stored = run.mode == ImportMode.VALID_ROWS || run.errorRows.isEmpty();
        if (stored && run.derivedLeading + run.derivedNotLeading > 0) {
            notes.add((run.has(RosterColumn.LEADERSHIP) ? "“是否领导职务”未填写的" : "文件没有“是否领导职务”列，")
                    + "按职务推定：" + run.derivedLeading + "人为领导职务，" + run.derivedNotLeading
                    + "人为非领导职务（依据见干部信息，可在其中更正）");
        }
        String message = notes.isEmpty() ? null : String.join("；", notes);
        return new Outcome(run.dataRows, run.created, run.updated, run.unchanged, run.errorRows.size(), run.errors, message);
    }

    /** A checked batch: its row count, and the rendered rows to store (null: nothing to write). */
    private record Ready(int rows, RosterBatch.Prepared prepared) {
    }

    private static final Ready END = new Ready(0, null);

    private static void offerEnd(BlockingQueue<Ready> queue, AtomicBoolean stop) {
        try {
            while (!queue.offer(END, 200, TimeUnit.MILLISECONDS)) {
                if (stop.get()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A header row names at least three known columns, among them the name or the citizen ID. */
    static boolean looksLikeHeader(SheetReader.RawRow row) {
        java.util.Set<RosterColumn> found = java.util.EnumSet.noneOf(RosterColumn.class);
        for (String t : row.texts()) {
            RosterColumn c = t == null ? null : RosterColumn.ofHeader(t);
            if (c != null) {
                found.add(c);
            }
        }
        return found.size() >= 3 && (found.contains(RosterColumn.NAME) || found.contains(RosterColumn.CITIZEN_ID));
    }

    private static String noHeader() {
        return "前" + HEADER_SEARCH_ROWS + "行中没有找到表头（含“姓名”“公民身份号码”“单位”等列名的一行），请对照导入模板检查文件";
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return (T) c;
            }
        }
        return null;
    }

    /** A data row read from the file, waiting for its batch. */
    private record Parsed(int row, CadreForm form, RosterBatch.SealedId cid, Long personId, Map<RosterColumn, String> values,
                          Map<RosterColumn, String> parseErrors) {
    }

    /** The state of one run over a file. */
    private final class Run {
        final ImportMode mode;
        final CurrentUser user;
        final DataScope scope;
        final RosterBatch.Actor actor;
        final Progress progress;
        final OrgDirectory units;
        final OrgDirectory parties;
        /** column index → column, and the user's own title of each column */
        Map<Integer, RosterColumn> columns;
        final Map<RosterColumn, String> titles = new EnumMap<>(RosterColumn.class);
        final List<String> ignored = new ArrayList<>();
        final Map<String, Integer> seen = new HashMap<>();
        final List<Parsed> pending = new ArrayList<>(BATCH);
        final List<RowError> errors = new ArrayList<>();
        final Set<Integer> errorRows = new java.util.HashSet<>();
        /** cadre id → the first row that updates them (by citizen ID or 人员编号) */
        final Map<Long, Integer> seenCadres = new java.util.concurrent.ConcurrentHashMap<>();
        int dataRows;
        int processed;
        int created;
        int updated;
        int unchanged;
        /** rows whose 是否领导职务 was derived from the post (written rows only) */
        int derivedLeading;
        int derivedNotLeading;
        /** 人员编号 → the first row that names it */
        final Map<Long, Integer> seenPersons = new HashMap<>();

        Run(ImportMode mode, CurrentUser user, String remoteAddr, Progress progress) {
            this.mode = mode;
            this.user = user;
            this.scope = scopes.of(user);
            this.actor = new RosterBatch.Actor(user.id(), user.username(), remoteAddr);
            this.progress = progress;
            this.units = OrgDirectory.administrative(jdbc);
            this.parties = OrgDirectory.party(jdbc);
        }

        boolean accept(SheetReader.RawRow row, BlockingQueue<Ready> queue, AtomicBoolean stop) {
            if (stop.get()) {
                throw new IllegalStateException("import stopped");
            }
            if (columns == null) {
                if (row.excelRow() > HEADER_SEARCH_ROWS) {
                    throw new ImportRejected(noHeader());
                }
                tryHeader(row);
                return true;
            }
            if (row.blank()) {
                return true;
            }
            Parsed p = parse(row);
            if (p == null) {
                return true; // the template's sample row
            }
            if (++dataRows > limits.maxRows()) {
                throw new ImportRejected(FileGuard.tooManyRows(limits, 0).getMessage());
            }
            pending.add(p);
            if (pending.size() >= BATCH) {
                handOff(queue, stop);
            }
            return true;
        }

        /** Checks the rows read so far and passes them to the writing thread (waits while it is two batches behind). */
        void handOff(BlockingQueue<Ready> queue, AtomicBoolean stop) {
            if (pending.isEmpty()) {
                return;
            }
            Ready rows = check(pending);
            pending.clear();
            try {
                while (!queue.offer(rows, 200, TimeUnit.MILLISECONDS)) {
                    if (stop.get()) {
                        throw new IllegalStateException("import stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            }
        }

        private void tryHeader(SheetReader.RawRow row) {
            if (!looksLikeHeader(row)) {
                return;
            }
            Map<Integer, RosterColumn> found = new HashMap<>();
            List<String> unknown = new ArrayList<>();
            for (int i = 0; i < row.texts().length; i++) {
                String t = row.text(i);
                if (t == null || t.isEmpty()) {
                    continue;
                }
                RosterColumn c = RosterColumn.ofHeader(t);
                if (c != null && !found.containsValue(c)) {
                    found.put(i, c);
                    titles.put(c, t);
                } else {
                    unknown.add(t);
                }
            }
            List<String> missing = Arrays.stream(RosterColumn.values())
                    .filter(c -> c.required() && !found.containsValue(c)).map(RosterColumn::title).toList();
            if (!missing.isEmpty()) {
                throw new ImportRejected("第" + row.excelRow() + "行的表头缺少必填的列：" + String.join("、", missing)
                        + "，请对照导入模板补上");
            }
            columns = found;
            ignored.addAll(unknown.stream().filter(u -> !u.equals("序号") && !u.equals("编号")).toList());
        }

        private Parsed parse(SheetReader.RawRow row) {
            Map<RosterColumn, String> values = new EnumMap<>(RosterColumn.class);
            Map<RosterColumn, LocalDate> dates = new EnumMap<>(RosterColumn.class);
            Map<RosterColumn, Boolean> numeric = new EnumMap<>(RosterColumn.class);
            for (Map.Entry<Integer, RosterColumn> e : columns.entrySet()) {
                String t = row.text(e.getKey());
                if (t != null && !t.isEmpty()) {
                    values.put(e.getValue(), t);
                }
                if (row.date(e.getKey()) != null) {
                    dates.put(e.getValue(), row.date(e.getKey()));
                }
                if (row.isNumeric(e.getKey())) {
                    numeric.put(e.getValue(), true);
                }
            }
            Map<RosterColumn, String> errs = new EnumMap<>(RosterColumn.class);
            String name = CellText.name(values.get(RosterColumn.NAME));
            String rawId = values.get(RosterColumn.CITIZEN_ID);
            if (TemplateWriter.isSample(name, rawId)) {
                return null;
            }
            if (rawId != null && numeric.containsKey(RosterColumn.CITIZEN_ID) && rawId.replaceAll("\\D", "").length() >= 15) {
                errs.put(RosterColumn.CITIZEN_ID, "公民身份号码被存成了数字，后几位已丢失；请把该列设为“文本”格式后重新填写");
            }
            Long personId = null;
            String personNo = values.get(RosterColumn.PERSON_NO);
            if (personNo != null) {
                personId = PersonNo.parse(personNo);
                if (personId == null) {
                    errs.put(RosterColumn.PERSON_NO, "人员编号“" + shorten(personNo) + "”不正确：应为导出花名册中的编号（如 "
                            + PersonNo.of(1234) + "），请勿修改；新增人员请留空");
                } else {
                    Integer first = seenPersons.putIfAbsent(personId, row.excelRow());
                    if (first != null) {
                        errs.put(RosterColumn.PERSON_NO, "与第" + first + "行的人员编号重复");
                        personId = null;
                    }
                }
            }
            boolean maskedId = rawId != null && rawId.indexOf('*') >= 0;
            if (maskedId && personId == null && !errs.containsKey(RosterColumn.PERSON_NO)) {
                errs.put(RosterColumn.CITIZEN_ID, "公民身份号码是脱敏后的号码（含*），无法确定是谁：请保留导出文件中的“人员编号”列，"
                        + "或填写完整的公民身份号码");
            }
            Gender gender = label(Gender.class, RosterColumn.GENDER, values, errs, "男、女");
            LocalDate birth = date(RosterColumn.BIRTH_DATE, values, dates, errs);
            Education education = null;
            CodeItem eduItem = item(CodeSet.EDUCATION, RosterColumn.EDUCATION, values, errs);
            if (eduItem != null) {
                education = eduItem.mapsTo(Education.class);
            }
            String fullTime = code(CodeSet.EDUCATION, RosterColumn.EDUCATION_FULL_TIME, values, errs);
            String inService = code(CodeSet.EDUCATION, RosterColumn.EDUCATION_IN_SERVICE, values, errs);
            PoliticalStatus ps = null;
            String psCode = null;
            CodeItem psItem = item(CodeSet.POLITICAL_STATUS, RosterColumn.POLITICAL_STATUS, values, errs);
            if (psItem != null) {
                ps = psItem.mapsTo(PoliticalStatus.class);
                psCode = psItem.code();
            } else if (errs.containsKey(RosterColumn.POLITICAL_STATUS)) {
                // not in GB/T 4762, but this system's own word for the group (民主党派) is read, without a code
                ps = Labeled.parse(PoliticalStatus.class, values.get(RosterColumn.POLITICAL_STATUS));
                if (ps != null) {
                    errs.remove(RosterColumn.POLITICAL_STATUS);
                }
            }
            LocalDate joined = date(RosterColumn.JOINED_PARTY_ON, values, dates, errs);
            Long orgId = org(units, RosterColumn.ORG, values, errs);
            RankGrade grade = label(RankGrade.class, RosterColumn.RANK_GRADE, values, errs, "正职、副职");
            // 职级层次 and 职级 each take a level (乡科级, 正科级, 乡科级正职) or a grade (一级主任科员, 八级职员); the level
            // column's level wins, a grade gives the level when no level is written (CodeValues)
            Rank byLevel = rank(RosterColumn.RANK_LEVEL, values, errs);
            Rank byTitle = rank(RosterColumn.RANK_TITLE, values, errs);
            RankLevel level = null;
            RankGrade inCell = null;
            String title = null;
            for (Rank r : new Rank[]{byLevel, byTitle}) {
                if (r == null) {
                    continue;
                }
                if (r.title() != null) {
                    title = r.title(); // the 职级 column's grade wins over one written under 职级层次
                } else if (level == null) {
                    level = r.level();
                    inCell = r.grade();
                }
            }
            if (grade == null) {
                grade = inCell;
            }
            Boolean leadership = bool(RosterColumn.LEADERSHIP, values, errs);
            StaffCategory sc = label(StaffCategory.class, RosterColumn.STAFF_CATEGORY, values, errs, labels(StaffCategory.values()));
            LocalDate entered = date(RosterColumn.ENTERED_WORK_ON, values, dates, errs);
            Boolean reserve = bool(RosterColumn.RESERVE_CADRE, values, errs);
            Long partyOrgId = values.containsKey(RosterColumn.PARTY_ORG) ? org(parties, RosterColumn.PARTY_ORG, values, errs) : null;
            Boolean mobile = bool(RosterColumn.MOBILE_MEMBER, values, errs);
            String ethnicity = values.get(RosterColumn.ETHNICITY);
            if (values.containsKey(RosterColumn.PHONE) && values.get(RosterColumn.PHONE).length() > 30) {
                errs.put(RosterColumn.PHONE, "联系电话过长（最多30个字符）");
            }
            CadreForm form = new CadreForm(name, gender, ethnicity, birth, maskedId ? null : rawId, education, ps, joined, orgId,
                    values.get(RosterColumn.POST), level, grade, leadership, sc, entered, values.get(RosterColumn.PHONE),
                    reserve, partyOrgId, mobile, null, null, null, psCode, fullTime, inService, title, null);
            CitizenId cid = errs.containsKey(RosterColumn.CITIZEN_ID) || maskedId ? null
                    : CitizenId.parse(rawId, LocalDate.now(clock)).id().orElse(null);
            if (cid != null) {
                Integer first = seen.putIfAbsent(cid.value(), row.excelRow());
                if (first != null) {
                    errs.put(RosterColumn.CITIZEN_ID, "与第" + first + "行的公民身份号码重复");
                    cid = null;
                }
            }
            return new Parsed(row.excelRow(), form, cid == null ? null : batch.seal(cid), personId, values, errs);
        }

        /**
         * Checks a batch of rows against the roster (on the reading thread): a row that updates a cadre keeps
         * the columns the file lacks and must be within the scope; rows with errors go to the report, good
         * rows are rendered for writing unless an all-or-nothing import has already failed.
         */
        Ready check(List<Parsed> pending) {
            List<RosterBatch.SealedId> ids = pending.stream().map(Parsed::cid).filter(java.util.Objects::nonNull).toList();
            Map<String, RosterBatch.Existing> existing = batch.existing(ids);
            Map<Long, RosterBatch.Existing> byPersonNo = batch.existingByIds(
                    pending.stream().map(Parsed::personId).filter(java.util.Objects::nonNull).toList());
            List<RosterBatch.Item> good = new ArrayList<>(pending.size());
            for (Parsed p : pending) {
                Map<RosterColumn, String> errs = new EnumMap<>(p.parseErrors());
                RosterBatch.SealedId sealed = p.cid();
                CadreForm form = p.form();
                RosterBatch.Existing ex = null;
                if (p.personId() != null) {
                    // the row names its person by 人员编号 (an exported file): their number, as stored, is the one to keep
                    ex = byPersonNo.get(p.personId());
                    if (ex == null) {
                        errs.put(RosterColumn.PERSON_NO, "人员编号“" + p.values().get(RosterColumn.PERSON_NO)
                                + "”不在花名册中；新增人员请把人员编号留空");
                    } else if (sealed != null && !sealed.hash().equals(ex.idHash())) {
                        // a full number that differs from the stored one: a correction, unless it is someone else's
                        if (existing.containsKey(sealed.hash())) {
                            errs.put(RosterColumn.CITIZEN_ID, "该公民身份号码已属于花名册中的另一人，与人员编号对应的干部不符");
                        }
                    } else if (sealed == null) {
                        String given = p.values().get(RosterColumn.CITIZEN_ID);
                        if (given != null && given.indexOf('*') >= 0
                                && !CellText.squeeze(given).equalsIgnoreCase(ex.view().citizenIdMasked())) {
                            errs.put(RosterColumn.CITIZEN_ID, "公民身份号码与人员编号对应的干部（" + ex.view().citizenIdMasked()
                                    + "）不一致，请勿修改导出文件中的这两列");
                        } else if (!errs.containsKey(RosterColumn.CITIZEN_ID)) {
                            CitizenId stored = batch.storedId(ex);
                            sealed = batch.sealed(ex, stored);
                            form = form.withCitizenId(stored.value());
                        }
                    }
                } else if (sealed != null) {
                    ex = existing.get(sealed.hash());
                }
                CadreView before = null;
                if (ex != null) {
                    if (!scope.coversOrgPath(ex.orgPath())) {
                        errs.putIfAbsent(p.personId() != null ? RosterColumn.PERSON_NO : RosterColumn.CITIZEN_ID,
                                "该干部已在花名册中，但其现所在单位不在您的管理范围内，不能修改");
                    }
                    before = ex.view();
                    Integer first = seenCadres.putIfAbsent(before.id(), p.row());
                    if (first != null && first != p.row()) {
                        errs.putIfAbsent(RosterColumn.CITIZEN_ID, "与第" + first + "行是同一人");
                    }
                    form = keepAbsentColumns(form, before);
                    // a reader without PHONE_VIEW exported masked numbers: one sent back unchanged means "unchanged"
                    form = form.withPhone(Phones.keepIfMasked(form.phone(), before.phone()));
                }
                if (form.phone() != null && form.phone().indexOf('*') >= 0) {
                    errs.putIfAbsent(RosterColumn.PHONE, "联系电话是脱敏后的号码（含*），且与花名册中的号码对不上：请填写完整号码，"
                            + "或保持导出时的样子");
                }
                boolean stated = form.leadership() != null;
                List<FieldProblem> problems = new ArrayList<>();
                form = Leadership.apply(CodeValues.resolve(codes, form, problems));
                problems.addAll(CadreValidator.validate(form, new CitizenId[1], LocalDate.now(clock)));
                for (FieldProblem fp : problems) {
                    RosterColumn c = RosterColumn.ofProperty(fp.field());
                    if (c == null) {
                        c = RosterColumn.NAME;
                    }
                    if (!errs.containsKey(c)) {
                        errs.put(c, fp.message());
                    }
                }
                if (!errs.isEmpty()) {
                    errorRows.add(p.row());
                    for (Map.Entry<RosterColumn, String> e : errs.entrySet()) {
                        if (errors.size() < MAX_ERRORS) {
                            RosterColumn c = e.getKey();
                            errors.add(new RowError(p.row(), titles.getOrDefault(c, c.title()), p.values().get(c), e.getValue()));
                        }
                    }
                } else {
                    good.add(new RosterBatch.Item(p.row(), form, sealed, before));
                    if (!stated) {
                        if (form.leadership()) {
                            derivedLeading++;
                        } else {
                            derivedNotLeading++;
                        }
                    }
                }
            }
            boolean write = mode == ImportMode.VALID_ROWS || errorRows.isEmpty();
            return new Ready(pending.size(), write && !good.isEmpty() ? batch.prepare(good, scope, actor) : null);
        }

        /** Stores a checked batch (on the transaction's thread). */
        void store(Ready ready) {
            if (ready.prepared() != null) {
                for (RosterBatch.Written w : batch.write(ready.prepared())) {
                    switch (w.outcome()) {
                        case CREATED -> created++;
                        case UPDATED -> updated++;
                        case UNCHANGED -> unchanged++;
                    }
                }
            }
            processed += ready.rows();
            progress.update(processed);
        }

        /**
         * Columns the file does not have keep what the roster has; gender and birth date come from the ID. A leadership
         * the roster derived is derived again (from the post as it is now) unless the file states it; a stated one is
         * kept. A status written as the group (民主党派) keeps the party the roster knows.
         */
        private CadreForm keepAbsentColumns(CadreForm f, CadreView b) {
            boolean rank = has(RosterColumn.RANK_LEVEL) || has(RosterColumn.RANK_TITLE);
            Boolean leadership = has(RosterColumn.LEADERSHIP) ? f.leadership()
                    : b.leadershipBasis() == null ? Boolean.valueOf(b.leadership()) : null;
            String psCode = f.politicalStatusCode() == null && f.politicalStatus() == b.politicalStatus()
                    ? b.politicalStatusCode() : f.politicalStatusCode();
            return new CadreForm(f.name(), f.gender(), has(RosterColumn.ETHNICITY) ? f.ethnicity() : b.ethnicity(),
                    f.birthDate(), f.citizenId(), has(RosterColumn.EDUCATION) ? f.education() : b.education(),
                    f.politicalStatus(), has(RosterColumn.JOINED_PARTY_ON) ? f.joinedPartyOn() : b.joinedPartyOn(),
                    f.orgId(), has(RosterColumn.POST) ? f.post() : b.post(),
                    rank ? f.rankLevel() : b.rankLevel(),
                    has(RosterColumn.RANK_GRADE) || rank ? f.rankGrade() : b.rankGrade(),
                    leadership, f.staffCategory(),
                    has(RosterColumn.ENTERED_WORK_ON) ? f.enteredWorkOn() : b.enteredWorkOn(),
                    has(RosterColumn.PHONE) ? f.phone() : b.phone(),
                    has(RosterColumn.RESERVE_CADRE) ? f.reserveCadre() : Boolean.valueOf(b.reserveCadre()),
                    has(RosterColumn.PARTY_ORG) ? f.partyOrgId() : b.partyOrgId(),
                    has(RosterColumn.MOBILE_MEMBER) ? f.mobileMember() : Boolean.valueOf(b.mobileMember()),
                    b.status(), null, null, psCode,
                    has(RosterColumn.EDUCATION_FULL_TIME) ? f.educationFullTime() : b.educationFullTime(),
                    has(RosterColumn.EDUCATION_IN_SERVICE) ? f.educationInService() : b.educationInService(),
                    has(RosterColumn.RANK_TITLE) || f.rankTitle() != null ? f.rankTitle() : b.rankTitle(),
                    b.leadershipBasis());
        }

        boolean has(RosterColumn c) {
            return titles.containsKey(c);
        }

        private Long org(OrgDirectory dir, RosterColumn c, Map<RosterColumn, String> values, Map<RosterColumn, String> errs) {
            String v = values.get(c);
            if (v == null) {
                return null; // the validator says "单位不能为空"
            }
            OrgDirectory.Resolution r = dir.resolve(v, scope);
            if (r.error() != null) {
                errs.put(c, r.error());
                return null;
            }
            return r.node().id();
        }
    }

    private static <E extends Enum<E> & Labeled> E label(Class<E> type, RosterColumn c, Map<RosterColumn, String> values,
                                                         Map<RosterColumn, String> errs, String allowed) {
        String v = values.get(c);
        if (v == null) {
            return null;
        }
        E e = Labeled.parse(type, v);
        if (e == null) {
            errs.put(c, c.title() + "“" + v + "”无法识别，可填：" + allowed);
        }
        return e;
    }

    private static LocalDate date(RosterColumn c, Map<RosterColumn, String> values, Map<RosterColumn, LocalDate> dates,
                                  Map<RosterColumn, String> errs) {
        LocalDate d = dates.get(c);
        if (d != null) {
            return d;
        }
        String v = values.get(c);
        if (v == null) {
            return null;
        }
        d = CellText.date(v);
        if (d == null) {
            errs.put(c, c.title() + "“" + v + "”无法识别，请写作 1975-03-12、1975.03 或 1975年3月");
        }
        return d;
    }

    private static Boolean bool(RosterColumn c, Map<RosterColumn, String> values, Map<RosterColumn, String> errs) {
        String v = values.get(c);
        try {
            return CellText.bool(v);
        } catch (IllegalArgumentException e) {
            errs.put(c, c.title() + "“" + v + "”无法识别，应填 是 或 否");
            return null;
        }
    }

    /** A level or a grade, read from 职级层次 or 职级. */
    record Rank(RankLevel level, RankGrade grade, String title) {
    }

    /**
     * A level in the ways it is written (乡科级; 正科级, 副处; 乡科级正职) or a grade of the code table (一级主任科员,
     * 八级职员, 专业技术十级; level and 正/副 from the table); null for an empty cell or an error.
     */
    private Rank rank(RosterColumn c, Map<RosterColumn, String> values, Map<RosterColumn, String> errs) {
        String text = values.get(c);
        if (text == null) {
            return null;
        }
        String t = CellText.squeeze(text);
        RankLevel level = Labeled.parse(RankLevel.class, t);
        RankGrade grade = null;
        if (level == null) {
            String rest = t;
            if (rest.endsWith("正职") || rest.endsWith("副职")) {
                grade = rest.endsWith("正职") ? RankGrade.PRINCIPAL : RankGrade.DEPUTY;
                rest = rest.substring(0, rest.length() - 2);
            } else if (rest.startsWith("正") || rest.startsWith("副")) {
                // 正科级, 副处 …: grade and level in one cell
                grade = rest.startsWith("正") ? RankGrade.PRINCIPAL : RankGrade.DEPUTY;
                rest = rest.substring(1);
            }
            if (grade != null && !rest.isEmpty()) {
                level = Labeled.parse(RankLevel.class, rest);
                if (level == null) {
                    level = Labeled.parse(RankLevel.class, rest + "级");
                }
            }
        }
        if (level != null) {
            return new Rank(level, grade, null);
        }
        java.util.Optional<CodeItem> item = codes.find(CodeSet.RANK_TITLE, t);
        if (item.isPresent()) {
            CodeItem i = item.get();
            return new Rank(i.mapsTo(RankLevel.class), i.rankGrade() == null ? null : RankGrade.valueOf(i.rankGrade()), i.code());
        }
        errs.put(c, c.title() + "“" + shorten(t) + "”无法识别，可填职级层次：" + labels(RankLevel.values())
                + "（也可写作 正科级、副处级、乡科级正职），或职级：一级巡视员至二级科员、一级至十级职员、专业技术一级至十三级");
        return null;
    }

    /** The item a cell names in a code set; an unknown value is an error that says what may be written. */
    private CodeItem item(CodeSet set, RosterColumn c, Map<RosterColumn, String> values, Map<RosterColumn, String> errs) {
        String v = values.get(c);
        if (v == null) {
            return null;
        }
        java.util.Optional<CodeItem> i = codes.find(set, v);
        if (i.isEmpty()) {
            errs.put(c, c.title() + "“" + shorten(v) + "”无法识别，可填：" + codes.examples(set, set == CodeSet.EDUCATION ? 12 : 20)
                    + "（" + standard(set) + "的名称、简称或代码均可）");
            return null;
        }
        return i.get();
    }

    private String code(CodeSet set, RosterColumn c, Map<RosterColumn, String> values, Map<RosterColumn, String> errs) {
        CodeItem i = item(set, c, values, errs);
        return i == null ? null : i.code();
    }

    private static String standard(CodeSet set) {
        return switch (set) {
            case POLITICAL_STATUS -> "GB/T 4762 ";
            case ETHNICITY -> "GB/T 3304 ";
            case EDUCATION -> "GB/T 4658 ";
            case RANK_TITLE -> "";
        };
    }

    private static String shorten(String s) {
        return s.length() <= 30 ? s : s.substring(0, 29) + "…";
    }

    static String labels(Labeled[] values) {
        return Arrays.stream(values).map(Labeled::label).collect(Collectors.joining("、"));
    }
}
