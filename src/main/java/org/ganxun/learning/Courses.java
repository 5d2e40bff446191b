package org.ganxun.learning;

import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.learning.internal.LearningSettings;
import org.ganxun.learning.internal.course.MediaProbe;
import org.ganxun.learning.internal.scorm.ScormPackage;
import org.ganxun.learning.internal.study.StudyCreditor;
import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.platform.web.RichText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The course catalogue: courses offered by a unit to the cadres of its subtree, each with one medium stored under
 * the media directory ({@code ganxun.learning.media-dir}, by default {@code <data dir>/media}). The medium's type is
 * told by its content and its duration read from the file ({@link MediaProbe}); the course's 学时 follow from that
 * duration by the rule set ({@link CourseHours}), never from anything the browser says.
 */
@Service
public class Courses {

    private static final Logger log = LoggerFactory.getLogger(Courses.class);

    private final JdbcClient jdbc;
    private final CurrentScope scopes;
    private final AuditLog audit;
    private final CourseHours courseHours;
    private final Path mediaDir;
    private final long maxBytes;
    private final long maxPackageBytes;
    private final StudyCreditor.Policy policy;

    private final TransactionTemplate tx;
    private final Clock clock;

    Courses(JdbcClient jdbc, CurrentScope scopes, AuditLog audit, CourseHours courseHours, LearningSettings settings,
            PlatformTransactionManager transactions, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.scopes = scopes;
        this.audit = audit;
        this.courseHours = courseHours;
        this.mediaDir = settings.mediaDir();
        this.maxBytes = settings.maxMediumBytes();
        this.maxPackageBytes = settings.maxPackageBytes();
        this.policy = settings.policy();
    }

    /** What a clerk enters. The 学时 are not among them: they come from the medium. */
    public record CourseForm(@Size(max = 100, message = "课程名称不能超过{max}个字") String title, CourseCategory category,
                             @Size(max = 50, message = "主讲人不能超过{max}个字") String lecturer,
                             @Size(max = 2000, message = "课程简介不能超过{max}个字") String description,
                             @Size(max = 200, message = "标签不能超过{max}个字") String tags,
                             LocalDate availableFrom, LocalDate availableUntil) {
    }

    /**
     * {@code scormVersion}: "1.2" or "2004" for a package; {@code durationSource}: FILE (read from the medium),
     * MANIFEST (a package's typicalLearningTime) or CLERK (entered at upload).
     */
    public record Medium(MediumKind kind, String kindLabel, String contentType, long sizeBytes, int durationSeconds,
                         Integer pages, String originalName, String scormVersion, String durationSource) {
    }

    /** A learner's progress on a course. */
    public record Progress(int creditedSeconds, int neededSeconds, double resumeAt, OffsetDateTime completedAt) {
    }

    public record Course(long id, String title, CourseCategory category, String categoryLabel, String lecturer,
                         String description, String tags, String status, long ownerOrgId, String ownerOrgName,
                         BigDecimal hours, String hoursNote, LocalDate availableFrom, LocalDate availableUntil,
                         OffsetDateTime createdAt, OffsetDateTime publishedAt, Medium medium, Progress progress,
                         boolean hasCover) {
    }

    private static final String SELECT = """
            select c.*, o.name as org_name, o.path as org_path, m.kind, m.content_type, m.size_bytes, m.duration_seconds,
                   m.pages, m.original_name, m.scorm_version, m.duration_source
            from course c join org_unit o on o.id = c.owner_org_id left join course_medium m on m.course_id = c.id
            """;

    private Course row(ResultSet rs, Progress progress) throws SQLException {
        Medium medium = null;
        if (rs.getString("kind") != null) {
            MediumKind kind = MediumKind.valueOf(rs.getString("kind"));
            medium = new Medium(kind, kind.label(), rs.getString("content_type"), rs.getLong("size_bytes"),
                    rs.getInt("duration_seconds"), (Integer) rs.getObject("pages"), rs.getString("original_name"),
                    rs.getString("scorm_version"), rs.getString("duration_source"));
        }
        CourseCategory cat = CourseCategory.valueOf(rs.getString("category"));
        return new Course(rs.getLong("id"), rs.getString("title"), cat, cat.label(), rs.getString("lecturer"),
                rs.getString("description"), rs.getString("tags"), rs.getString("status"), rs.getLong("owner_org_id"),
                rs.getString("org_name"), rs.getBigDecimal("hours"), rs.getString("hours_note"),
                rs.getObject("available_from", LocalDate.class), rs.getObject("available_until", LocalDate.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("published_at", OffsetDateTime.class), medium, progress,
                rs.getString("cover_path") != null);
    }

    // ---- management ----

    @Transactional
    public Course create(CourseForm form) {
        CurrentUser me = CurrentUsers.require();
        CourseForm f = clean(form);
        long owner = ownerOrg(me);
        long id = jdbc.sql("""
                        insert into course (title, category, lecturer, description, tags, owner_org_id, available_from,
                                            available_until, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(f.title(), f.category().name(), f.lecturer(), f.description(), f.tags(), owner, f.availableFrom(),
                        f.availableUntil(), me.username())
                .query(Long.class).single();
        Course c = get(id);
        audit.record("CREATE", "Course", id, "新建网络课程：" + c.title(), null, c);
        return c;
    }

    @Transactional
    public Course update(long id, CourseForm form) {
        Course before = manageable(id);
        CourseForm f = clean(form);
        jdbc.sql("""
                        update course set title = ?, category = ?, lecturer = ?, description = ?, tags = ?, available_from = ?,
                                          available_until = ? where id = ?""")
                .params(f.title(), f.category().name(), f.lecturer(), f.description(), f.tags(), f.availableFrom(),
                        f.availableUntil(), id).update();
        Course after = get(id);
        audit.record("UPDATE", "Course", id, "修改网络课程：" + after.title(), before, after);
        return after;
    }

    @Transactional
    public Course publish(long id) {
        Course before = manageable(id);
        if (before.medium() == null) {
            throw new BusinessException("请先上传课程的视频、音频或文档，再发布");
        }
        if (before.hours() == null) {
            throw new BusinessException("课程学时尚未折算，请重新上传课件");
        }
        jdbc.sql("update course set status = 'PUBLISHED', published_at = coalesce(published_at, now()) where id = ?").param(id).update();
        Course after = get(id);
        audit.record("PUBLISH", "Course", id, "发布网络课程：" + after.title(), before, after);
        return after;
    }

    @Transactional
    public Course withdraw(long id) {
        Course before = manageable(id);
        jdbc.sql("update course set status = 'WITHDRAWN' where id = ?").param(id).update();
        Course after = get(id);
        audit.record("UNPUBLISH", "Course", id, "下架网络课程：" + after.title(), before, after);
        return after;
    }

    /** The courses of the units in the caller's scope, newest first. */
    public List<Course> managed() {
        DataScope scope = scopes.current();
        Map<String, Object> p = scope.sqlParameters();
        return jdbc.sql(SELECT + " where " + scope.sqlCondition("o.path", null, null) + " order by c.id desc limit 500")
                .params(p).query((rs, i) -> row(rs, null)).list();
    }

    public Course get(long id) {
        return jdbc.sql(SELECT + " where c.id = ?").param(id).query((rs, i) -> row(rs, null)).optional()
                .orElseThrow(() -> BusinessException.notFound("课程"));
    }

    /** A course the caller may manage: its unit is in their scope. */
    public Course manageable(long id) {
        String path = jdbc.sql("select o.path from course c join org_unit o on o.id = c.owner_org_id where c.id = ?")
                .param(id).query(String.class).optional().orElseThrow(() -> BusinessException.notFound("课程"));
        if (!scopes.current().coversOrgPath(path)) {
            throw BusinessException.notFound("课程");
        }
        return get(id);
    }

    /**
     * Stores an uploaded medium (streamed, at most {@code ganxun.learning.max-medium-mb}), tells its type by content,
     * reads its duration, and sets the course's 学时. Replaces the course's earlier medium.
     */
    public Course upload(long id, String originalName, InputStream body) throws IOException {
        return upload(id, originalName, null, body);
    }

    /**
     * The same; a zip is taken as a SCORM package ({@link ScormPackage}), whose nominal learning time is
     * {@code minutes} when the clerk enters one (1–600), else the manifest's typicalLearningTime; without either it
     * is refused, because the time a package needs cannot be read from its files.
     */
    public Course upload(long id, String originalName, Integer minutes, InputStream body) throws IOException {
        Course before = manageable(id);
        if (minutes != null && (minutes < 1 || minutes > 600)) {
            throw new BusinessException("学习时长应为1至600分钟", List.of(new FieldProblem("minutes", "学习时长应为1至600分钟")));
        }
        Files.createDirectories(mediaDir);
        Path tmp = Files.createTempFile(mediaDir, "upload-", ".part");
        try {
            MessageDigest sha = sha256();
            long size = 0;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = body.read(buf)) > 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw new BusinessException(413, "文件超过" + (maxBytes / 1024 / 1024) + "MB 的上限，请压缩后再上传",
                                List.of(new FieldProblem("file", "文件过大")));
                    }
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            if (size == 0) {
                throw new BusinessException("请选择要上传的文件", List.of(new FieldProblem("file", "文件为空")));
            }
            if (ScormPackage.isZip(tmp)) {
                return storePackage(before, tmp, size, HexFormat.of().formatHex(sha.digest()), originalName, minutes);
            }
            MediaProbe.Probed probed;
            try {
                probed = MediaProbe.probe(tmp);
            } catch (MediaProbe.Refused e) {
                throw new BusinessException(e.getMessage(), List.of(new FieldProblem("file", e.getMessage())));
            }
            if (probed.kind() != MediumKind.DOCUMENT && probed.seconds() < 1) {
                throw new BusinessException("音视频时长不足1秒", List.of(new FieldProblem("file", "时长为0")));
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            String relative = id + "/" + hash + "." + probed.extension();
            Path target = mediaDir.resolve(relative);
            Files.createDirectories(target.getParent());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            int nominal = probed.kind() == MediumKind.DOCUMENT ? probed.pages() * policy.minSecondsPerPage() : probed.seconds();
            CourseHours.Hours hours = courseHours.of(before.ownerOrgId(), nominal / 60);
            String name = originalName == null ? null : cleanName(originalName);
            final MediaProbe.Probed found = probed;
            final long bytes = size;
            Course after = tx.execute(t -> {
                store(id, found, relative, name, bytes, hash, hours);
                Course c = get(id);
                audit.record("UPLOAD", "Course", id, "上传课件：" + c.title() + "（" + found.kind().label() + "，"
                        + (found.kind() == MediumKind.DOCUMENT ? found.pages() + "页" : found.seconds() + "秒") + "）", before, c);
                return c;
            });
            return after;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void store(long id, MediaProbe.Probed probed, String relative, String name, long size, String hash, CourseHours.Hours hours) {
        jdbc.sql("delete from course_medium where course_id = ?").param(id).update();
        jdbc.sql("""
                        insert into course_medium (course_id, kind, stored_path, original_name, content_type, size_bytes,
                                                   duration_seconds, pages, sha256, duration_source)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'FILE')""")
                .params(id, probed.kind().name(), relative, name, probed.contentType(), size,
                        probed.kind() == MediumKind.DOCUMENT ? probed.pages() * policy.minSecondsPerPage() : probed.seconds(),
                        probed.kind() == MediumKind.DOCUMENT ? probed.pages() : null, hash).update();
        jdbc.sql("update course set hours = ?, hours_note = ? where id = ?").params(hours.hours(), truncate(hours.note(), 300), id).update();
    }

    /** A package unpacks to at most this many times its zip (and never past 1 GB). */
    static final int MAX_PACKAGE_GROWTH = 10;

    /** Unpacks a SCORM package under {@code <media>/<course>/pkg-<sha256>/}, reads its manifest and stores it as the medium. */
    private Course storePackage(Course before, Path zip, long size, String hash, String originalName, Integer minutes) throws IOException {
        long id = before.id();
        if (size > maxPackageBytes) {
            throw new BusinessException(413, "课件包超过" + (maxPackageBytes / 1024 / 1024) + "MB 的上限",
                    List.of(new FieldProblem("file", "文件过大")));
        }
        String relative = id + "/pkg-" + hash;
        Path dir = mediaDir.resolve(relative);
        Path work = Files.createTempDirectory(mediaDir, "unpack-");
        ScormPackage.Manifest manifest;
        try {
            ScormPackage.unpack(zip, work, Math.min(size * MAX_PACKAGE_GROWTH + 10L * 1024 * 1024, 1024L * 1024 * 1024));
            manifest = ScormPackage.manifest(work);
        } catch (ScormPackage.Refused e) {
            deleteTree(work);
            throw new BusinessException(e.getMessage(), List.of(new FieldProblem("file", e.getMessage())));
        } catch (IOException | RuntimeException e) {
            deleteTree(work);
            throw e;
        }
        Integer seconds = minutes != null ? Integer.valueOf(minutes * 60) : manifest.typicalSeconds();
        if (seconds == null) {
            deleteTree(work);
            throw new BusinessException("课件包清单未注明学习时长（typicalLearningTime），请填写课件的学习时长（分钟）",
                    List.of(new FieldProblem("minutes", "请填写学习时长")));
        }
        deleteTree(dir); // the same package uploaded again
        Files.createDirectories(dir.getParent()); // the course's folder: a package may be its first file
        Files.move(work, dir);
        String source = minutes != null ? "CLERK" : "MANIFEST";
        CourseHours.Hours hours = courseHours.of(before.ownerOrgId(), seconds / 60);
        String name = originalName == null ? null : cleanName(originalName);
        return tx.execute(t -> {
            jdbc.sql("delete from course_medium where course_id = ?").param(id).update();
            jdbc.sql("""
                            insert into course_medium (course_id, kind, stored_path, original_name, content_type, size_bytes,
                                                       duration_seconds, sha256, scorm_version, launch_path, duration_source, scos)
                            values (?, 'PACKAGE', ?, ?, 'application/zip', ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                    .params(id, relative, name, size, seconds, hash, manifest.version(), truncate(manifest.launch(), 500), source,
                            manifest.scos().isEmpty() ? null : SCO_JSON.writeValueAsString(manifest.scos())).update();
            jdbc.sql("update course set hours = ?, hours_note = ? where id = ?").params(hours.hours(), truncate(hours.note(), 300), id).update();
            Course c = get(id);
            audit.record("UPLOAD", "Course", id, "上传课件：" + c.title() + "（SCORM " + manifest.version() + " 课件包，学习时长"
                    + (seconds / 60) + "分钟，" + ("CLERK".equals(source) ? "填写" : "清单注明") + "）", before, c);
            return c;
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A package's version and launch address for the player. */
    /** {@code scos}: a multi-SCO package's table of contents (launch paths relative to the package), empty for one SCO. */
    public record PackageInfo(String version, String launchPath, String launchUrl, List<ScormPackage.Sco> scos) {
    }

    private static final tools.jackson.databind.json.JsonMapper SCO_JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    public PackageInfo packageInfo(long courseId) {
        return jdbc.sql("select scorm_version, launch_path, scos::text from course_medium where course_id = ? and kind = 'PACKAGE'").param(courseId)
                .query((rs, i) -> new PackageInfo(rs.getString(1), rs.getString(2),
                        "/api/learning/courses/" + courseId + "/package/" + rs.getString(2),
                        rs.getString(3) == null ? List.of()
                                : SCO_JSON.readValue(rs.getString(3), new tools.jackson.core.type.TypeReference<List<ScormPackage.Sco>>() { })))
                .optional().orElseThrow(() -> BusinessException.notFound("课件包"));
    }

    /** Content types of the files a package may hold; anything else is served as bytes. */
    private static final Map<String, String> PACKAGE_TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=UTF-8"), Map.entry("htm", "text/html;charset=UTF-8"),
            Map.entry("js", "text/javascript;charset=UTF-8"), Map.entry("css", "text/css;charset=UTF-8"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"), Map.entry("txt", "text/plain;charset=UTF-8"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("svg", "image/svg+xml"), Map.entry("webp", "image/webp"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"), Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"), Map.entry("pdf", "application/pdf"),
            Map.entry("vtt", "text/vtt"));

    /** A file of a course's package for whoever may see the course; a path leaving the package is a 404. */
    public StoredMedium packageFile(long id, String path) {
        authorizeMedia(id);
        String dir = jdbc.sql("select stored_path from course_medium where course_id = ? and kind = 'PACKAGE'").param(id)
                .query(String.class).optional().orElseThrow(() -> BusinessException.notFound("课件包"));
        Path root = mediaDir.resolve(dir).normalize();
        Path file;
        try {
            file = ScormPackage.safeTarget(root, path == null ? "" : path);
        } catch (ScormPackage.Refused e) {
            throw BusinessException.notFound("课件文件");
        }
        if (!file.startsWith(mediaDir.normalize()) || !Files.isRegularFile(file)) {
            throw BusinessException.notFound("课件文件");
        }
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String type = PACKAGE_TYPES.getOrDefault(dot < 0 ? "" : n.substring(dot + 1).toLowerCase(java.util.Locale.ROOT),
                "application/octet-stream");
        return new StoredMedium(file, type);
    }

    /** Covers: at most 2 MB, JPEG or PNG by their bytes. */
    static final int MAX_COVER_BYTES = 2 * 1024 * 1024;

    /** Stores a course's cover image (replacing the earlier one). */
    public Course uploadCover(long id, InputStream body) throws IOException {
        Course before = manageable(id);
        byte[] bytes = body.readNBytes(MAX_COVER_BYTES + 1);
        if (bytes.length > MAX_COVER_BYTES) {
            throw new BusinessException(413, "封面图片不能超过2MB", List.of(new FieldProblem("cover", "图片过大")));
        }
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8 && (bytes[2] & 0xff) == 0xFF;
        boolean png = bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        if (!jpeg && !png) {
            throw new BusinessException("封面只接受 JPG 或 PNG 图片", List.of(new FieldProblem("cover", "不是 JPG 或 PNG 图片")));
        }
        MessageDigest sha = sha256();
        String relative = id + "/cover-" + HexFormat.of().formatHex(sha.digest(bytes)) + (png ? ".png" : ".jpg");
        Path target = mediaDir.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
        return tx.execute(t -> {
            jdbc.sql("update course set cover_path = ?, cover_type = ? where id = ?")
                    .params(relative, png ? "image/png" : "image/jpeg", id).update();
            Course c = get(id);
            audit.record("UPLOAD", "Course", id, "上传课程封面：" + c.title(), before, c);
            return c;
        });
    }

    /** A course's cover for whoever may see the course. */
    public StoredMedium cover(long id) {
        authorizeMedia(id);
        StoredMedium m = jdbc.sql("select cover_path, cover_type from course where id = ? and cover_path is not null").param(id)
                .query((rs, i) -> new StoredMedium(mediaDir.resolve(rs.getString(1)).normalize(), rs.getString(2)))
                .optional().orElseThrow(() -> BusinessException.notFound("封面"));
        if (!m.file().startsWith(mediaDir.normalize()) || !Files.isRegularFile(m.file())) {
            throw BusinessException.notFound("封面");
        }
        return m;
    }

    // ---- learners ----

    /** The published courses open to the signed-in cadre today (their unit is under the offering unit), with progress. */
    public List<Course> catalogue(CourseCategory category, String q) {
        CurrentUser me = CurrentUsers.require();
        String cadrePath = cadreOrgPath(me);
        StringBuilder sql = new StringBuilder(Unscoped.own() + SELECT.replace("select c.*", "select c.*, p.credited_seconds as p_credited, p.resume_at as p_resume, p.completed_at as p_completed"));
        sql.append(" left join study_progress p on p.course_id = c.id and p.cadre_id = :cadre");
        sql.append(" where c.status = 'PUBLISHED' and :cadrePath like o.path || '%'");
        sql.append(" and (c.available_from is null or c.available_from <= :today) and (c.available_until is null or c.available_until >= :today)");
        Map<String, Object> params = new java.util.HashMap<>(Map.of("cadre", me.cadreId(), "cadrePath", cadrePath, "today", LocalDate.now(clock)));
        if (category != null) {
            sql.append(" and c.category = :category");
            params.put("category", category.name());
        }
        if (q != null && !q.isBlank()) {
            sql.append(" and (c.title ilike :q escape '\\' or c.lecturer ilike :q escape '\\' or c.tags ilike :q escape '\\')");
            params.put("q", "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        sql.append(" order by c.published_at desc nulls last, c.id desc limit 300");
        return jdbc.sql(sql.toString()).params(params).query((rs, i) -> row(rs, progress(rs))).list();
    }

    private Progress progress(ResultSet rs) throws SQLException {
        int duration = rs.getInt("duration_seconds");
        String kind = rs.getString("kind");
        boolean doc = "DOCUMENT".equals(kind);
        int needed = StudyCreditor.needed(policy, doc, doc ? rs.getInt("pages") : duration);
        if (rs.getObject("p_credited") == null) {
            return new Progress(0, needed, 0, null);
        }
        return new Progress(rs.getInt("p_credited"), needed, rs.getDouble("p_resume"), rs.getObject("p_completed", OffsetDateTime.class));
    }

    /** One course as the learner sees it, refused unless it is open to them. */
    public Course open(long id) {
        return catalogue(null, null).stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> BusinessException.notFound("课程"));
    }

    /** A stored medium: its file and type. */
    public record StoredMedium(Path file, String contentType) {
    }

    /**
     * The file of a course's medium for the caller: a learner to whom the course is open, or a manager of the
     * offering unit (previewing a draft).
     */
    public StoredMedium medium(long id) {
        authorizeMedia(id);
        var m = jdbc.sql("select stored_path, content_type from course_medium where course_id = ?").param(id)
                .query((rs, i) -> new StoredMedium(mediaDir.resolve(rs.getString(1)).normalize(), rs.getString(2)))
                .optional().orElseThrow(() -> BusinessException.notFound("课件"));
        if (!m.file().startsWith(mediaDir.normalize()) || !Files.isRegularFile(m.file())) {
            log.warn("Medium of course {} missing at {}", id, m.file());
            throw BusinessException.notFound("课件文件");
        }
        return m;
    }

    /** The caller may see this course's files: a learner it is open to, or a manager of its unit. */
    private void authorizeMedia(long id) {
        CurrentUser me = CurrentUsers.require();
        boolean manager = me.can(Permission.COURSE_MANAGE) && isManageable(id);
        if (!manager) {
            if (me.cadreId() == null || !me.can(Permission.SELF_SERVICE)) {
                throw BusinessException.notFound("课程");
            }
            open(id);
        }
    }

    private boolean isManageable(long id) {
        try {
            manageable(id);
            return true;
        } catch (BusinessException e) {
            return false;
        }
    }

    String cadreOrgPath(CurrentUser me) {
        if (me.cadreId() == null) {
            throw new BusinessException(403, "本账号未关联干部信息，无法参加网络学习", List.of());
        }
        return jdbc.sql(Unscoped.own() + "select o.path from cadre_card c join org_unit o on o.id = c.org_id where c.id = ?").param(me.cadreId())
                .query(String.class).optional().orElseThrow(() -> new BusinessException(403, "本账号关联的干部信息不存在", List.of()));
    }

    private long ownerOrg(CurrentUser me) {
        if (me.scopeOrgId() != null) {
            return me.scopeOrgId();
        }
        return jdbc.sql("select id from org_unit where parent_id is null order by sort_order, id limit 1").query(Long.class)
                .optional().orElseThrow(() -> new BusinessException("请先建立组织机构"));
    }

    // ---- input ----

    static CourseForm clean(CourseForm f) {
        List<FieldProblem> problems = new ArrayList<>();
        if (f == null) {
            throw new BusinessException("请填写课程信息");
        }
        String title = text(f.title());
        if (title == null || title.isEmpty()) {
            problems.add(new FieldProblem("title", "请填写课程名称"));
        } else if (title.length() > 100) {
            problems.add(new FieldProblem("title", "课程名称不能超过100个字"));
        }
        if (f.category() == null) {
            problems.add(new FieldProblem("category", "请选择课程分类"));
        }
        String lecturer = text(f.lecturer());
        if (lecturer != null && lecturer.length() > 50) {
            problems.add(new FieldProblem("lecturer", "主讲人不能超过50个字"));
        }
        String description = text(f.description());
        if (description != null && description.length() > 2000) {
            problems.add(new FieldProblem("description", "课程简介不能超过2000个字"));
        }
        String tags = text(f.tags());
        if (tags != null && tags.length() > 200) {
            problems.add(new FieldProblem("tags", "标签不能超过200个字"));
        }
        LocalDate from = f.availableFrom(), until = f.availableUntil();
        if (from != null && (from.getYear() < 2000 || from.getYear() > 2100)) {
            problems.add(new FieldProblem("availableFrom", "上架日期应在2000年至2100年之间"));
        }
        if (until != null && (until.getYear() < 2000 || until.getYear() > 2100)) {
            problems.add(new FieldProblem("availableUntil", "下架日期应在2000年至2100年之间"));
        }
        if (from != null && until != null && until.isBefore(from)) {
            problems.add(new FieldProblem("availableUntil", "下架日期不能早于上架日期"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        return new CourseForm(title, f.category(), lecturer, description, tags, from, until);
    }

    /** Plain text: markup removed, control characters dropped, blank as null. */
    private static String text(String s) {
        if (s == null) {
            return null;
        }
        String t = RichText.text(s).replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
        return t.isEmpty() ? null : t;
    }

    private static String cleanName(String name) {
        String n = name.replaceAll("[\\p{Cntrl}/\\\\]", "").strip();
        return truncate(n, 200);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A course a unit owns: whether it is published and whether its medium is a courseware package (SCORM). */
    public record OwnedCourse(long id, boolean published, boolean packaged) {
    }

    /** The courses {@code orgId} owns, oldest first: for loaders that run once per unit (the demo's), no person's data. */
    public List<OwnedCourse> ownedBy(long orgId) {
        return jdbc.sql("""
                        select c.id, c.status = 'PUBLISHED' as published,
                               exists (select 1 from course_medium m where m.course_id = c.id and m.kind = 'PACKAGE') as packaged
                        from course c where c.owner_org_id = ? order by c.id""")
                .param(orgId).query((rs, i) -> new OwnedCourse(rs.getLong("id"), rs.getBoolean("published"),
                        rs.getBoolean("packaged"))).list();
    }
}
