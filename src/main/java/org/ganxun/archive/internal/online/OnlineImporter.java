package org.ganxun.archive.internal.online;

import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.HoursConverter;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.org.DataScopes;
import org.ganxun.people.CitizenId;
import org.ganxun.people.PeopleFacts;
import org.ganxun.platform.excel.CellText;
import org.ganxun.platform.excel.FileGuard;
import org.ganxun.platform.excel.FileType;
import org.ganxun.platform.excel.ImportLimits;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.excel.RowError;
import org.ganxun.platform.excel.SheetReader;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the rows of an online-learning export below its header with the user's mapping, checks each row
 * (the person by citizen ID, or by name when the file has no IDs, within the importer's data scope; dates;
 * durations; the same course twice for one person) and credits the good ones 2,000 at a time through
 * {@link ArchiveEntries#creditImported}, in the caller's transaction. Minutes become 学时 by the online
 * bands of the rule set governing the person on the completion date.
 */
@Component
class OnlineImporter {

    static final int BATCH = 2000;
    static final int MAX_ERRORS = 100_000;
    /** A single course longer than this is not a plausible online course (a typing or export error). */
    static final BigDecimal MAX_MINUTES = new BigDecimal("3000");
    static final BigDecimal MAX_HOURS = new BigDecimal("50");
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final int MAX_COURSE_ID = 80;

    private static final Pattern HMS = Pattern.compile("^(\\d{1,4}):(\\d{1,2})(?::(\\d{1,2})(?:\\.\\d+)?)?$");
    private static final Pattern CHINESE_DURATION = Pattern.compile(
            "^(?:(\\d+(?:\\.\\d+)?)\\s*(?:小时|时|h))?\\s*(?:(\\d+(?:\\.\\d+)?)\\s*(?:分钟|分|min|m))?\\s*(?:(\\d+(?:\\.\\d+)?)\\s*(?:秒钟|秒|s))?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("^[-+]?\\d+(?:\\.\\d+)?$");

    private final ArchiveEntries entries;
    private final HoursConverter converter;
    private final PeopleFacts people;
    private final DataScopes scopes;
    private final ImportLimits limits;
    private final Clock clock;

    OnlineImporter(ArchiveEntries entries, HoursConverter converter, PeopleFacts people, DataScopes scopes, ImportLimits limits, Clock clock) {
        this.clock = clock;
        this.entries = entries;
        this.converter = converter;
        this.people = people;
        this.scopes = scopes;
        this.limits = limits;
    }

    interface Progress {
        void update(int processedRows);
    }

    record Outcome(int totalRows, int credited, BigDecimal creditedHours, int skipped, int errorRows, List<RowError> errors)
            implements org.ganxun.platform.job.UploadJobWorker.Outcome {
        static final Outcome NONE = new Outcome(0, 0, BigDecimal.ZERO, 0, 0, List.of());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome run(OnlineImportStore.StoredFile f, File file, byte[] csv, Map<Integer, String> titles, CurrentUser user,
                       Progress progress) {
        Run run = new Run(f, titles, user, progress);
        try {
            SheetReader.read(f.type(), file, csv, run::accept);
        } catch (RuntimeException e) {
            if (FileGuard.isZipBomb(e)) {
                throw new BusinessException(FileGuard.ZIP_BOMB);
            }
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BusinessException b) {
                    throw b;
                }
            }
            throw e;
        }
        run.flush();
        run.errors.sort((a, b) -> Integer.compare(a.row(), b.row()));
        return new Outcome(run.dataRows, run.credited, run.hours, run.skipped, run.errorRows.size(), run.errors);
    }

    /** A data row as read, waiting for its batch. */
    private record Parsed(int row, String citizenId, String name, String title, BigDecimal minutes, BigDecimal hours,
                          LocalDate completedOn, Boolean passed, String courseId, Boolean required,
                          Map<OnlineColumn, String> values, Map<OnlineColumn, String> errs) {
    }

    private final class Run {
        final OnlineImportStore.StoredFile f;
        final Map<OnlineColumn, Integer> mapping;
        final Map<Integer, String> titles;
        final CurrentUser user;
        final DataScope scope;
        final Progress progress;
        final HoursConverter convert = converter.cached();
        final List<Parsed> pending = new ArrayList<>(BATCH);
        final List<RowError> errors = new ArrayList<>();
        final Set<Integer> errorRows = new HashSet<>();
        /** cadre id + course → the first row that credits it */
        final Map<String, Integer> seen = new HashMap<>();
        int dataRows;
        int processed;
        int credited;
        int skipped;
        BigDecimal hours = BigDecimal.ZERO;

        Run(OnlineImportStore.StoredFile f, Map<Integer, String> titles, CurrentUser user, Progress progress) {
            this.f = f;
            this.mapping = f.mapping();
            this.titles = titles;
            this.user = user;
            this.scope = scopes.of(user);
            this.progress = progress;
        }

        boolean accept(SheetReader.RawRow row) {
            if (row.excelRow() <= f.headerRow() || row.blank()) {
                return true;
            }
            Parsed p = parse(row);
            if (p == null) {
                return true;
            }
            if (++dataRows > limits.maxRows()) {
                throw FileGuard.tooManyRows(limits, 0);
            }
            pending.add(p);
            if (pending.size() >= BATCH) {
                flush();
            }
            return true;
        }

        private Parsed parse(SheetReader.RawRow row) {
            Map<OnlineColumn, String> values = new EnumMap<>(OnlineColumn.class);
            Map<OnlineColumn, LocalDate> dates = new EnumMap<>(OnlineColumn.class);
            for (Map.Entry<OnlineColumn, Integer> e : mapping.entrySet()) {
                String t = row.text(e.getValue());
                if (t != null && !t.isEmpty()) {
                    values.put(e.getKey(), t);
                }
                if (row.date(e.getValue()) != null) {
                    dates.put(e.getKey(), row.date(e.getValue()));
                }
            }
            String rawId = values.get(OnlineColumn.CITIZEN_ID);
            String name = CellText.name(values.get(OnlineColumn.NAME));
            // a 合计 line under the data: platforms write the word in the first column, often the name column
            if (rawId == null && (name == null || isTotalWord(name)) && isTotalRow(row)) {
                return null;
            }
            Map<OnlineColumn, String> errs = new EnumMap<>(OnlineColumn.class);
            OnlineColumn personColumn = mapping.containsKey(OnlineColumn.CITIZEN_ID) ? OnlineColumn.CITIZEN_ID : OnlineColumn.NAME;
            String citizenId = null;
            if (personColumn == OnlineColumn.CITIZEN_ID) {
                if (rawId == null) {
                    errs.put(OnlineColumn.CITIZEN_ID, "身份证号不能为空");
                } else {
                    CitizenId.Result r = CitizenId.parse(rawId, LocalDate.now(clock));
                    if (r.ok()) {
                        citizenId = r.id().get().value();
                    } else {
                        errs.put(OnlineColumn.CITIZEN_ID, r.error());
                    }
                }
            } else if (name == null) {
                errs.put(OnlineColumn.NAME, "姓名不能为空");
            }
            String title = values.get(OnlineColumn.COURSE_TITLE);
            if (title == null) {
                errs.put(OnlineColumn.COURSE_TITLE, "课程名称不能为空");
            } else if (title.length() > 200) {
                errs.put(OnlineColumn.COURSE_TITLE, "课程名称过长（最多200字）");
            }
            BigDecimal minutes = null;
            BigDecimal hrs = null;
            String minutesText = values.get(OnlineColumn.MINUTES);
            String hoursText = values.get(OnlineColumn.HOURS);
            if (minutesText != null) {
                minutes = minutes(minutesText);
                String problem = minutes == null ? "学习时长“" + minutesText + "”无法识别，请填写分钟数（如 45）或时:分:秒（如 0:45:00）"
                        : minutes.signum() < 0 ? "学习时长不能为负数"
                        : minutes.signum() == 0 ? "学习时长为0，不能计入学时"
                        : minutes.compareTo(MAX_MINUTES) > 0 ? "学习时长" + plain(minutes) + "分钟超过50小时，不像一门网络课程的时长，请核对"
                        : null;
                if (problem != null) {
                    errs.put(OnlineColumn.MINUTES, problem);
                    minutes = null;
                }
            } else if (hoursText != null) {
                hrs = hours(hoursText);
                String problem = hrs == null ? "学时“" + hoursText + "”无法识别，请填写数字（如 1.5）"
                        : hrs.signum() < 0 ? "学时不能为负数"
                        : hrs.signum() == 0 ? "学时为0，不能计入"
                        : hrs.compareTo(MAX_HOURS) > 0 ? "学时" + plain(hrs) + "超过50，不像一门网络课程的学时，请核对"
                        : null;
                if (problem != null) {
                    errs.put(OnlineColumn.HOURS, problem);
                    hrs = null;
                }
            } else {
                OnlineColumn c = mapping.containsKey(OnlineColumn.MINUTES) ? OnlineColumn.MINUTES : OnlineColumn.HOURS;
                errs.put(c, c == OnlineColumn.MINUTES ? "学习时长不能为空" : "学时不能为空");
            }
            LocalDate on = dates.get(OnlineColumn.COMPLETED_ON);
            String onText = values.get(OnlineColumn.COMPLETED_ON);
            if (on == null && onText != null) {
                on = CellText.date(onText);
                if (on == null) {
                    errs.put(OnlineColumn.COMPLETED_ON, "完成日期“" + onText + "”无法识别，请写作 2026-03-15 或 2026/3/15");
                }
            } else if (on == null) {
                errs.put(OnlineColumn.COMPLETED_ON, "完成日期不能为空");
            }
            if (on != null && on.isAfter(LocalDate.now(clock))) {
                errs.put(OnlineColumn.COMPLETED_ON, "完成日期" + on + "晚于今天");
                on = null;
            } else if (on != null && on.isBefore(EARLIEST)) {
                errs.put(OnlineColumn.COMPLETED_ON, "完成日期" + on + "早于2000年，请核对");
                on = null;
            }
            Boolean passed = null;
            String passedText = values.get(OnlineColumn.PASSED_TEST);
            if (passedText != null) {
                passed = passed(passedText);
                if (passed == null) {
                    errs.put(OnlineColumn.PASSED_TEST, "“" + passedText + "”无法识别，应填 是/否 或 通过/未通过");
                }
            }
            String courseId = values.get(OnlineColumn.COURSE_ID);
            if (courseId != null && courseId.length() > MAX_COURSE_ID) {
                errs.put(OnlineColumn.COURSE_ID, "课程编号过长（最多" + MAX_COURSE_ID + "个字符）");
            }
            Boolean required = null;
            String requiredText = values.get(OnlineColumn.REQUIRED);
            if (requiredText != null) {
                required = required(requiredText);
                if (required == null) {
                    errs.put(OnlineColumn.REQUIRED, "“" + requiredText + "”无法识别，应填 必修 或 选修");
                }
            }
            return new Parsed(row.excelRow(), citizenId, name, title, minutes, hrs, on, passed, courseId, required, values, errs);
        }

        /** Resolves the people of the pending rows, converts their hours and credits the good rows. */
        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            Map<String, PeopleFacts.Identified> byId = people.byCitizenIds(pending.stream().map(Parsed::citizenId)
                    .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
            Map<String, List<PeopleFacts.Identified>> byName = mapping.containsKey(OnlineColumn.CITIZEN_ID) ? Map.of()
                    : people.byNames(pending.stream().map(Parsed::name).filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
            List<ArchiveEntries.ImportedCredit> good = new ArrayList<>(pending.size());
            for (Parsed p : pending) {
                Map<OnlineColumn, String> errs = new EnumMap<>(p.errs());
                PeopleFacts.Identified who = person(p, byId, byName, errs);
                ArchiveEntries.ImportedCredit credit = null;
                if (who != null && errs.isEmpty()) {
                    String course = p.courseId() != null ? p.courseId() : "T" + sha(p.title().strip());
                    Integer first = seen.putIfAbsent(who.id() + "|" + course, p.row());
                    if (first != null) {
                        errs.put(p.courseId() != null ? OnlineColumn.COURSE_ID : OnlineColumn.COURSE_TITLE,
                                "与第" + first + "行重复：同一人的同一课程只计一次");
                    } else {
                        credit = credit(p, who, course, errs);
                    }
                }
                if (!errs.isEmpty()) {
                    errorRows.add(p.row());
                    for (Map.Entry<OnlineColumn, String> e : errs.entrySet()) {
                        if (errors.size() < MAX_ERRORS) {
                            Integer col = mapping.get(e.getKey());
                            String title = col == null ? e.getKey().title() : titles.getOrDefault(col, e.getKey().title());
                            String value = p.values().get(e.getKey());
                            if (e.getKey() == OnlineColumn.CITIZEN_ID && value != null) {
                                value = CitizenId.mask(value); // the job's errors are shown and stored: never the full number
                            }
                            errors.add(new RowError(p.row(), title, value, e.getValue()));
                        }
                    }
                } else if (credit != null) {
                    good.add(credit);
                }
            }
            boolean write = f.mode() == ImportMode.VALID_ROWS || errorRows.isEmpty();
            if (write && !good.isEmpty()) {
                // a course already completed in the platform's own 网络学院 that year is not counted twice
                Set<String> academy = entries.academyCourses(good.stream().map(c -> c.request().cadreId()).distinct().toList());
                int before = good.size();
                good.removeIf(c -> academy.contains(ArchiveEntries.academyKey(c.request().cadreId(), c.request().title(),
                        c.request().creditedOn())));
                skipped += before - good.size();
            }
            if (write && !good.isEmpty()) {
                ArchiveEntries.BatchResult r = entries.creditImported(good, user, f.remoteAddr());
                credited += r.credited();
                hours = hours.add(r.creditedHours());
                skipped += r.alreadyCreditedRows().size();
            }
            processed += pending.size();
            pending.clear();
            progress.update(processed);
        }

        private PeopleFacts.Identified person(Parsed p, Map<String, PeopleFacts.Identified> byId,
                                              Map<String, List<PeopleFacts.Identified>> byName, Map<OnlineColumn, String> errs) {
            if (p.citizenId() != null) {
                PeopleFacts.Identified who = byId.get(p.citizenId());
                if (who == null) {
                    errs.put(OnlineColumn.CITIZEN_ID, "花名册中没有该身份证号的干部，请先将其录入花名册");
                    return null;
                }
                if (!scope.coversOrgPath(who.orgPath())) {
                    errs.put(OnlineColumn.CITIZEN_ID, "该干部不在您的管理范围内，不能为其计入学时");
                    return null;
                }
                if (p.name() != null && !p.name().equals(who.name())) {
                    errs.put(OnlineColumn.NAME, "姓名与花名册中该身份证号的干部（" + who.name() + "）不一致");
                    return null;
                }
                return who;
            }
            if (p.name() == null || mapping.containsKey(OnlineColumn.CITIZEN_ID)) {
                return null; // the error is already there
            }
            List<PeopleFacts.Identified> found = byName.getOrDefault(p.name(), List.of()).stream()
                    .filter(w -> scope.coversOrgPath(w.orgPath())).toList();
            if (found.isEmpty()) {
                errs.put(OnlineColumn.NAME, "您的管理范围内没有名为“" + p.name() + "”的干部");
                return null;
            }
            if (found.size() > 1) {
                errs.put(OnlineColumn.NAME, "您的管理范围内有" + found.size() + "名干部叫“" + p.name() + "”，无法确定是谁；请在文件中加入身份证号列");
                return null;
            }
            return found.get(0);
        }

        private ArchiveEntries.ImportedCredit credit(Parsed p, PeopleFacts.Identified who, String course,
                                                      Map<OnlineColumn, String> errs) {
            BigDecimal h;
            String note;
            BigDecimal quantity;
            QuantityUnit unit;
            if (p.minutes() != null) {
                HoursConverter.Conversion c;
                try {
                    c = convert.convert(who.orgId(), p.completedOn(), CreditSource.ONLINE_COURSE, p.minutes(), QuantityUnit.MINUTES,
                            Boolean.TRUE.equals(p.passed()));
                } catch (BusinessException e) {
                    errs.put(OnlineColumn.COMPLETED_ON, e.getMessage());
                    return null;
                }
                h = c.hours();
                note = c.note();
                quantity = p.minutes();
                unit = QuantityUnit.MINUTES;
            } else {
                h = p.hours().setScale(2, RoundingMode.HALF_UP);
                note = "按平台导出的学时计入";
                quantity = p.hours();
                unit = QuantityUnit.HOURS;
            }
            String ref = course + "@" + p.completedOn();
            String evidence = "网络学时导入：" + f.fileName() + "（导入任务" + f.id() + "，第" + p.row() + "行）";
            ArchiveEntries.EntryRequest req = new ArchiveEntries.EntryRequest(who.id(), CreditSource.ONLINE_COURSE, ref,
                    p.title().strip(), f.platform(), p.completedOn(), p.completedOn(), p.completedOn(), quantity, unit,
                    p.passed(), Delivery.ONLINE, Boolean.TRUE.equals(p.required()), false, null, evidence);
            return new ArchiveEntries.ImportedCredit(p.row(), req, h, note);
        }

        private boolean isTotalRow(SheetReader.RawRow row) {
            for (String t : row.texts()) {
                if (t != null && isTotalWord(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    static boolean isTotalWord(String t) {
        String s = t.replaceAll("\\s+", "");
        return s.startsWith("合计") || s.startsWith("总计") || s.startsWith("小计");
    }

    /** Minutes from "45", "45分钟", "1小时30分", "1:30:00" (h:mm:ss) or "1:30" (h:mm); null if unreadable. */
    static BigDecimal minutes(String s) {
        String t = s.replaceAll("\\s+", "");
        if (NUMBER.matcher(t).matches()) {
            return new BigDecimal(t);
        }
        Matcher m = HMS.matcher(t);
        if (m.matches()) {
            BigDecimal min = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(60)).add(new BigDecimal(m.group(2)));
            if (m.group(3) != null) {
                min = min.add(new BigDecimal(m.group(3)).divide(BigDecimal.valueOf(60), 2, RoundingMode.DOWN));
            }
            return min;
        }
        m = CHINESE_DURATION.matcher(t);
        if (!t.isEmpty() && m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)) {
            BigDecimal min = BigDecimal.ZERO;
            if (m.group(1) != null) {
                min = min.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(60)));
            }
            if (m.group(2) != null) {
                min = min.add(new BigDecimal(m.group(2)));
            }
            if (m.group(3) != null) {
                min = min.add(new BigDecimal(m.group(3)).divide(BigDecimal.valueOf(60), 2, RoundingMode.DOWN));
            }
            return min;
        }
        return null;
    }

    /** 学时 from "1.5", "1.5学时" or "2小时"; null if unreadable. */
    static BigDecimal hours(String s) {
        String t = s.replaceAll("\\s+", "").replaceAll("(学时|小时|课时)$", "");
        return NUMBER.matcher(t).matches() ? new BigDecimal(t) : null;
    }

    static Boolean passed(String s) {
        String t = s.replaceAll("\\s+", "");
        switch (t) {
            case "通过", "已通过", "合格", "及格", "考试通过", "优秀", "良好" -> {
                return true;
            }
            case "未通过", "不通过", "不合格", "不及格", "未考试", "未参加", "未考", "缺考", "-", "—" -> {
                return false;
            }
            default -> {
                try {
                    return CellText.bool(t);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
    }

    static Boolean required(String s) {
        String t = s.replaceAll("\\s+", "");
        if (t.startsWith("必修") || t.equals("必学")) {
            return true;
        }
        if (t.startsWith("选修") || t.equals("选学") || t.equals("自选")) {
            return false;
        }
        try {
            return CellText.bool(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String plain(BigDecimal b) {
        return b.stripTrailingZeros().toPlainString();
    }

    private static String sha(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
