package org.ganxun.archive.internal.online;

import org.ganxun.platform.security.DataScopeKind;
import org.ganxun.platform.security.Permission;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.excel.ErrorReport;
import org.ganxun.platform.excel.FileGuard;
import org.ganxun.platform.excel.FileType;
import org.ganxun.platform.excel.ImportLimits;
import org.ganxun.platform.excel.ImportMode;
import org.ganxun.platform.excel.SheetReader;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * The online-learning import in two steps: {@link #upload} checks the file, finds its header row and
 * proposes a mapping of its columns; {@link #start} takes the user's mapping and runs the import in the
 * background (one transaction: all of it or, with errors in all-or-nothing mode, none of it).
 */
@Service
public class OnlineImports {

    static final int HEADER_SEARCH_ROWS = 10;
    static final int SAMPLES = 3;

    private final OnlineImportStore store;
    private final OnlineImportWorker worker;
    private final ImportLimits limits;
    private final AuditLog audit;

    OnlineImports(OnlineImportStore store, OnlineImportWorker worker, ImportLimits limits, AuditLog audit) {
        this.store = store;
        this.worker = worker;
        this.limits = limits;
        this.audit = audit;
    }

    /** The fields of the mapping form, in order, with what each needs. */
    public static List<OnlineImport.Field> fields() {
        return List.of(
                new OnlineImport.Field(OnlineColumn.CITIZEN_ID, "身份证号", "用于识别干部；没有此列时按姓名识别（须在管理范围内不重名）"),
                new OnlineImport.Field(OnlineColumn.NAME, "姓名", "有身份证号时用于核对"),
                new OnlineImport.Field(OnlineColumn.COURSE_TITLE, "课程名称", "必选"),
                new OnlineImport.Field(OnlineColumn.MINUTES, "学习时长(分钟)", "按学时规则的网络课程折算标准换算为学时；与“学时”二选一"),
                new OnlineImport.Field(OnlineColumn.HOURS, "学时", "直接计入的学时数；与“学习时长”二选一"),
                new OnlineImport.Field(OnlineColumn.COMPLETED_ON, "完成日期", "必选；学时计入该日期所在年度"),
                new OnlineImport.Field(OnlineColumn.PASSED_TEST, "是否通过考试", "通过课程测试的按规则加计学时"),
                new OnlineImport.Field(OnlineColumn.COURSE_ID, "课程编号", "平台的课程编号；与完成日期一起识别重复导入"),
                new OnlineImport.Field(OnlineColumn.REQUIRED, "必修/选修", "不选时计为选修"));
    }

    /** The mapping the column titles suggest: each field to the first column whose title names it. */
    static Map<OnlineColumn, Integer> propose(List<OnlineImport.Column> columns) {
        Map<OnlineColumn, Integer> m = new EnumMap<>(OnlineColumn.class);
        for (OnlineImport.Column c : columns) {
            OnlineColumn f = OnlineColumn.ofHeader(c.title());
            if (f != null && !m.containsKey(f)) {
                m.put(f, c.index());
            }
        }
        if (m.containsKey(OnlineColumn.MINUTES) && m.containsKey(OnlineColumn.HOURS)) {
            m.remove(OnlineColumn.HOURS); // minutes are converted by the jurisdiction's own rule
        }
        return m;
    }

    /** Checks and stores the file, finds its header row; nothing is credited yet. */
    public OnlineImport upload(String fileName, byte[] data, String remoteAddr) {
        CurrentUser user = requireImporter();
        int[] estimate = new int[1];
        FileType type = FileGuard.precheck(fileName, data, limits, estimate);
        Header header = header(type, data);
        long id = store.create(user, remoteAddr, fileName, type, data, header.row, header.columns, estimate[0]);
        return store.find(id).orElseThrow();
    }

    /** Starts the import with the user's mapping (field → column index). */
    public OnlineImport start(long id, Map<OnlineColumn, Integer> mapping, String platform, ImportMode mode) {
        requireOwn(id);
        OnlineImport job = store.find(id).orElseThrow(() -> BusinessException.notFound("导入任务"));
        if (job.status() != OnlineImport.Status.UPLOADED && job.status() != OnlineImport.Status.REJECTED) {
            throw BusinessException.conflict("该导入任务已开始执行，不能再修改列的对应关系");
        }
        List<FieldProblem> problems = checkMapping(mapping, job.columns());
        if (mode == null) {
            problems.add(new FieldProblem("mode", "请选择导入方式"));
        }
        if (platform != null && platform.strip().length() > 100) {
            problems.add(new FieldProblem("platform", "平台名称最多100字"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        Map<OnlineColumn, Integer> m = new EnumMap<>(OnlineColumn.class);
        mapping.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v);
            }
        });
        String p = StringUtils.hasText(platform) ? platform.strip() : "网络培训平台";
        if (!store.queue(id, m, p, mode)) {
            throw BusinessException.conflict("该导入任务已开始执行");
        }
        audit.record("START", "OnlineImport", id, "网络学时导入：" + job.fileName() + "（" + p + "）", null, m);
        worker.submit(id);
        return store.find(id).orElseThrow();
    }

    static List<FieldProblem> checkMapping(Map<OnlineColumn, Integer> mapping, List<OnlineImport.Column> columns) {
        List<FieldProblem> p = new ArrayList<>();
        Map<OnlineColumn, Integer> m = mapping == null ? Map.of() : mapping;
        Set<Integer> indexes = new HashSet<>();
        for (OnlineImport.Column c : columns) {
            indexes.add(c.index());
        }
        Set<Integer> used = new HashSet<>();
        for (Map.Entry<OnlineColumn, Integer> e : m.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (!indexes.contains(e.getValue())) {
                p.add(new FieldProblem(e.getKey().name(), "“" + e.getKey().title() + "”对应的列不存在"));
            } else if (!used.add(e.getValue())) {
                p.add(new FieldProblem(e.getKey().name(), "同一列不能同时对应“" + e.getKey().title() + "”和其他项目"));
            }
        }
        if (m.get(OnlineColumn.CITIZEN_ID) == null && m.get(OnlineColumn.NAME) == null) {
            p.add(new FieldProblem(OnlineColumn.CITIZEN_ID.name(), "请选择“身份证号”或“姓名”对应的列，用于识别干部"));
        }
        if (m.get(OnlineColumn.COURSE_TITLE) == null) {
            p.add(new FieldProblem(OnlineColumn.COURSE_TITLE.name(), "请选择“课程名称”对应的列"));
        }
        if (m.get(OnlineColumn.MINUTES) == null && m.get(OnlineColumn.HOURS) == null) {
            p.add(new FieldProblem(OnlineColumn.MINUTES.name(), "请选择“学习时长(分钟)”或“学时”对应的列"));
        } else if (m.get(OnlineColumn.MINUTES) != null && m.get(OnlineColumn.HOURS) != null) {
            p.add(new FieldProblem(OnlineColumn.HOURS.name(), "“学习时长(分钟)”和“学时”只能选一个：时长按本地规则折算，学时直接计入"));
        }
        if (m.get(OnlineColumn.COMPLETED_ON) == null) {
            p.add(new FieldProblem(OnlineColumn.COMPLETED_ON.name(), "请选择“完成日期”对应的列"));
        }
        return p;
    }

    public OnlineImport get(long id) {
        requireOwn(id);
        return store.find(id).orElseThrow(() -> BusinessException.notFound("导入任务"));
    }

    public List<OnlineImport> recent() {
        return store.recent(CurrentUsers.require().id(), 20);
    }

    public OnlineImport retry(long id) {
        requireOwn(id);
        if (!store.requeue(id)) {
            throw BusinessException.conflict("只有执行失败、原文件仍在保留期内的导入任务可以重新执行");
        }
        worker.submit(id);
        return store.find(id).orElseThrow();
    }

    public String fileName(long id) {
        requireOwn(id);
        return store.file(id).map(OnlineImportStore.StoredFile::fileName).orElseThrow();
    }

    public void writeErrorReport(long id, OutputStream out) {
        requireOwn(id);
        OnlineImportStore.StoredFile f = store.file(id).orElseThrow(() -> BusinessException.notFound("导入任务"));
        if (f.data() == null) {
            throw new BusinessException(410, "该任务的原文件已按保留期限删除，无法生成错误报告，请修正原表格后重新导入", List.of());
        }
        ErrorReport.write(f.type(), f.data(), f.mode() != ImportMode.VALID_ROWS, row -> row.excelRow() == f.headerRow(),
                store.allErrors(id), out);
    }

    private record Header(int row, List<OnlineImport.Column> columns) {
    }

    /**
     * The header is the row among the first ten that names the most known fields (at least two); failing
     * that, the first row with two or more texts that are not numbers (the user maps it by hand).
     */
    static Header header(FileType type, byte[] data) {
        List<SheetReader.RawRow> rows = new ArrayList<>();
        File temp = null;
        try {
            if (type != FileType.CSV) {
                temp = Files.createTempFile("ganxun-online-", "." + type.name().toLowerCase()).toFile();
                Files.write(temp.toPath(), data);
            }
            SheetReader.read(type, temp, type == FileType.CSV ? data : null, row -> {
                rows.add(row);
                return rows.size() < HEADER_SEARCH_ROWS + SAMPLES + 2;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BusinessException e) {
            throw e;
        } catch (RuntimeException e) {
            if (FileGuard.isZipBomb(e)) {
                throw new BusinessException(FileGuard.ZIP_BOMB);
            }
            throw new BusinessException("无法读取该文件，请用 Excel 打开后另存为 .xlsx 再上传");
        } finally {
            if (temp != null) {
                temp.delete();
            }
        }
        int best = -1;
        int bestScore = 1;
        for (int i = 0; i < rows.size() && rows.get(i).excelRow() <= HEADER_SEARCH_ROWS; i++) {
            Set<OnlineColumn> found = new HashSet<>();
            for (String t : rows.get(i).texts()) {
                OnlineColumn c = OnlineColumn.ofHeader(t);
                if (c != null) {
                    found.add(c);
                }
            }
            if (found.size() > bestScore) {
                best = i;
                bestScore = found.size();
            }
        }
        if (best < 0) {
            for (int i = 0; i < rows.size() && rows.get(i).excelRow() <= HEADER_SEARCH_ROWS; i++) {
                int texts = 0;
                for (String t : rows.get(i).texts()) {
                    if (t != null && !t.isEmpty() && !t.matches("[-+]?[\\d.]+")) {
                        texts++;
                    }
                }
                if (texts >= 2) {
                    best = i;
                    break;
                }
            }
        }
        if (best < 0) {
            throw new BusinessException("前" + HEADER_SEARCH_ROWS + "行中没有找到表头（列名所在的行），请检查文件是否为平台导出的学习记录");
        }
        SheetReader.RawRow h = rows.get(best);
        List<OnlineImport.Column> columns = new ArrayList<>();
        for (int c = 0; c < h.texts().length; c++) {
            String title = h.text(c);
            if (title == null || title.isEmpty()) {
                continue;
            }
            List<String> samples = new ArrayList<>();
            for (int r = best + 1; r < rows.size() && samples.size() < SAMPLES; r++) {
                if (!rows.get(r).blank()) {
                    String v = rows.get(r).text(c);
                    samples.add(v == null ? "" : sample(OnlineColumn.ofHeader(title), v));
                }
            }
            columns.add(new OnlineImport.Column(c, title, samples));
        }
        return new Header(h.excelRow(), columns);
    }

    /** Sample values are shown in the mapping form: an ID-like value is masked there. */
    private static String sample(OnlineColumn field, String v) {
        if (field == OnlineColumn.CITIZEN_ID || v.matches("\\d{17}[\\dXx]|\\d{15}")) {
            return org.ganxun.people.CitizenId.mask(v);
        }
        return v.length() > 60 ? v.substring(0, 60) + "…" : v;
    }

    private static CurrentUser requireImporter() {
        CurrentUser user = CurrentUsers.require();
        if (!user.can(Permission.ONLINE_IMPORT)) {
            throw new BusinessException(403, "只有组织部门可以导入网络学时", List.of());
        }
        return user;
    }

    private void requireOwn(long id) {
        CurrentUser user = requireImporter();
        Long owner = store.ownerOf(id).orElseThrow(() -> BusinessException.notFound("导入任务"));
        if (owner != user.id() && user.dataScope() != DataScopeKind.ALL) {
            throw BusinessException.notFound("导入任务");
        }
    }
}
