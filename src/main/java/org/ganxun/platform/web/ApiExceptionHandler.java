package org.ganxun.platform.web;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;

/** One error shape for the whole API: {@code {status, message, problems[], at}}. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final Clock clock;

    ApiExceptionHandler(Clock clock) {
        this.clock = clock;
    }

    public record ApiError(int status, String message, List<BusinessException.FieldProblem> problems, Instant at) {
    }

    @ExceptionHandler(BusinessException.class)
    ResponseEntity<ApiError> business(BusinessException e) {
        return ResponseEntity.status(e.status()).body(new ApiError(e.status(), e.getMessage(), e.problems(), Instant.now(clock)));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ApiError> denied(RuntimeException e) {
        String msg = e.getMessage() != null && !e.getMessage().startsWith("Access Denied") ? e.getMessage() : "无权访问该数据";
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError(403, msg, List.of(), Instant.now(clock)));
    }

    /**
     * A request body its record's constraints refuse ({@code @Valid}; Bean Validation with the Chinese messages of
     * {@code ValidationMessages.properties} or of the constraint): each problem keyed by the property, as the form's
     * fields are, and the first problem as the message, as {@link Bounds#check} does.
     */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
        List<BusinessException.FieldProblem> problems = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(f -> problems.add(problem(f)));
        e.getBindingResult().getGlobalErrors().forEach(g -> problems.add(new BusinessException.FieldProblem("", g.getDefaultMessage())));
        return refused(problems);
    }

    /**
     * Constraints on a handler's parameters ({@code @RequestParam @Max(…) int size}), and bodies validated with them:
     * a body that is a list ({@code @RequestBody List<@Valid QuotaRequest>}) is checked element by element, each
     * problem keyed by its property path from the list, {@code [3].seats} (the fourth element's seats).
     */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException e) {
        List<BusinessException.FieldProblem> problems = new ArrayList<>();
        for (ParameterValidationResult r : e.getParameterValidationResults()) {
            if (r instanceof ParameterErrors errors) {
                String element = r.getContainerIndex() != null ? "[" + r.getContainerIndex() + "]"
                        : r.getContainerKey() != null ? "[" + r.getContainerKey() + "]" : "";
                errors.getFieldErrors().forEach(f -> problems.add(element.isEmpty() ? problem(f) : inElement(element, problem(f))));
                errors.getGlobalErrors().forEach(g -> problems.add(new BusinessException.FieldProblem(element, g.getDefaultMessage())));
            } else {
                RequestParam param = r.getMethodParameter().getParameterAnnotation(RequestParam.class);
                String name = param != null && !param.name().isEmpty() ? param.name() : r.getMethodParameter().getParameterName();
                r.getResolvableErrors().forEach(m -> problems.add(new BusinessException.FieldProblem(name, m.getDefaultMessage())));
            }
        }
        return refused(problems);
    }

    private static BusinessException.FieldProblem problem(FieldError f) {
        // a value that could not be converted (rankLevel=XYZ in a query) carries Spring's English text
        return new BusinessException.FieldProblem(f.getField(), f.isBindingFailure()
                ? "值“" + echo(f.getRejectedValue()) + "”格式不正确" : f.getDefaultMessage());
    }

    private static BusinessException.FieldProblem inElement(String element, BusinessException.FieldProblem p) {
        return new BusinessException.FieldProblem(p.field().isEmpty() ? element : element + "." + p.field(), p.message());
    }

    /** What was typed, cut short: an error message is no place for a page of someone's text. */
    private static String echo(Object value) {
        String v = String.valueOf(value);
        return v.length() > 20 ? v.substring(0, 20) + "…" : v;
    }

    /** One 400 for the problems, in the order of the fields' names (Bean Validation has no order), the first as message. */
    private ResponseEntity<ApiError> refused(List<BusinessException.FieldProblem> problems) {
        problems.sort(Comparator.comparing(p -> sortKey(p.field())));
        String message = problems.isEmpty() ? "提交的内容有误" : problems.get(0).message();
        return ResponseEntity.badRequest().body(new ApiError(400, message, List.copyOf(problems), Instant.now(clock)));
    }

    /** A list's elements in their order ({@code [2]} before {@code [10]}), then the properties by name. */
    private static String sortKey(String field) {
        Matcher m = INDEX.matcher(field);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, "[" + "0".repeat(Math.max(0, 10 - m.group(1).length())) + m.group(1) + "]");
        }
        return m.appendTail(sb).toString();
    }

    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .body(new ApiError(413, "上传的文件过大", List.of(), Instant.now(clock)));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ApiError> stale(OptimisticLockingFailureException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(new ApiError(409, "数据已被他人修改，请刷新后重试", List.of(), Instant.now(clock)));
    }

    /**
     * A request body that is not the JSON the call takes (a word where a number goes, an impossible date): the
     * field it failed on and the value, in words a clerk reads, instead of the framework's English text. A list's
     * elements are numbered from 0, as the constraints' problems number them ({@code sessions[3].hours}).
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        log.debug("unreadable request body", e);
        if (e.getCause() instanceof JacksonException j && !j.getPath().isEmpty()) {
            String field = j.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            if (j instanceof InvalidFormatException f && NulFreeStrings.isNul(f.getValue())) {
                return ResponseEntity.badRequest().body(new ApiError(400, "字段" + field + "含有空字符（\\u0000），无法保存，请删除后重试",
                        List.of(new BusinessException.FieldProblem(field, "含有空字符")), Instant.now(clock)));
            }
            String value = j instanceof InvalidFormatException f && f.getValue() != null ? "“" + f.getValue() + "”" : "";
            String message = "字段" + field + "的值" + value + "格式不正确";
            return ResponseEntity.badRequest().body(new ApiError(400, message,
                    List.of(new BusinessException.FieldProblem(field, "格式不正确")), Instant.now(clock)));
        }
        return ResponseEntity.badRequest().body(new ApiError(400, "提交的内容格式不正确，无法识别", List.of(), Instant.now(clock)));
    }

    /** A query parameter of the wrong kind (year=abc). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        String message = "参数" + e.getName() + "的值“" + e.getValue() + "”格式不正确";
        return ResponseEntity.badRequest().body(new ApiError(400, message,
                List.of(new BusinessException.FieldProblem(e.getName(), "格式不正确")), Instant.now(clock)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(new ApiError(400, "缺少参数" + e.getParameterName(),
                List.of(new BusinessException.FieldProblem(e.getParameterName(), "不能为空")), Instant.now(clock)));
    }

    /**
     * A value the database refuses that no check in the service caught (a number beyond its column, a missing
     * required field, a character PostgreSQL cannot store): the request's fault, so a 400 saying what is wrong,
     * never a 500. Services bound their fields themselves ({@link Bounds}); this is the net under them.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiError> refusedByDatabase(DataIntegrityViolationException e) {
        SQLException sql = sqlException(e);
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());
        String text = sql == null || sql.getMessage() == null ? "" : sql.getMessage();
        String message;
        List<BusinessException.FieldProblem> problems = List.of();
        switch (state) {
            case "22003" -> message = "填写的数值过大，超出了允许的范围，请核对后重试";
            case "22008", "22007" -> message = "填写的日期超出了允许的范围，请核对后重试";
            case "22001" -> message = "填写的内容过长，请删减后重试";
            case "22021", "22P05" -> message = "提交的内容含有无法保存的字符（如空字符），请删除后重试";
            case "23502" -> {
                Matcher m = NULL_COLUMN.matcher(text);
                String column = m.find() ? camel(m.group(1)) : null;
                message = column == null ? "缺少必填项，请补全后重试" : "缺少必填项" + column;
                problems = column == null ? List.of() : List.of(new BusinessException.FieldProblem(column, "不能为空"));
            }
            case "23514" -> message = "填写的值不符合要求，请核对后重试";
            case "23505" -> {
                log.info("refused by the database ({}): {}", state, text);
                return ResponseEntity.status(HttpStatus.CONFLICT)
                        .body(new ApiError(409, "与已有的数据重复，请刷新后核对", List.of(), Instant.now(clock)));
            }
            case "23503" -> {
                log.info("refused by the database ({}): {}", state, text);
                return ResponseEntity.status(HttpStatus.CONFLICT)
                        .body(new ApiError(409, "所引用的数据不存在或仍在使用中，请刷新后核对", List.of(), Instant.now(clock)));
            }
            default -> message = "提交的内容无法保存，请核对后重试";
        }
        log.info("refused by the database ({}): {}", state, text);
        return ResponseEntity.badRequest().body(new ApiError(400, message, problems, Instant.now(clock)));
    }

    private static final Pattern NULL_COLUMN = Pattern.compile("null value in column \"([a-z_0-9]+)\"");

    private static SQLException sqlException(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** cadre_id → cadreId, the name the API's fields have. */
    private static String camel(String column) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }

    /**
     * An argument some code refused without saying it in a clerk's words (services refuse with
     * {@link BusinessException}): still the request's fault, so a 400, but its text is for engineers (often English,
     * sometimes internals) and stays in the log.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> illegal(IllegalArgumentException e) {
        log.warn("bad request refused by an IllegalArgumentException (should be a BusinessException): {}", e.toString());
        return ResponseEntity.badRequest().body(new ApiError(400, "提交的内容有误，请核对后重试", List.of(), Instant.now(clock)));
    }
}
