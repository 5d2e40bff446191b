package org.ganxun.platform.web;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.web.bind.MethodArgumentNotValidException;
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

    public record ApiError(int status, String message, List<BusinessException.FieldProblem> problems, Instant at) {
    }

    @ExceptionHandler(BusinessException.class)
    ResponseEntity<ApiError> business(BusinessException e) {
        return ResponseEntity.status(e.status()).body(new ApiError(e.status(), e.getMessage(), e.problems(), Instant.now()));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ApiError> denied(RuntimeException e) {
        String msg = e.getMessage() != null && !e.getMessage().startsWith("Access Denied") ? e.getMessage() : "无权访问该数据";
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError(403, msg, List.of(), Instant.now()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
        List<BusinessException.FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                // a value that could not be converted (rankLevel=XYZ in a query) carries Spring's English text
                .map(f -> new BusinessException.FieldProblem(f.getField(), f.isBindingFailure()
                        ? "值“" + f.getRejectedValue() + "”格式不正确" : f.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(new ApiError(400, "提交的内容有误", problems, Instant.now()));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .body(new ApiError(413, "上传的文件过大", List.of(), Instant.now()));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ApiError> stale(OptimisticLockingFailureException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(new ApiError(409, "数据已被他人修改，请刷新后重试", List.of(), Instant.now()));
    }

    /**
     * A request body that is not the JSON the call takes (a word where a number goes, an impossible date): the
     * field it failed on and the value, in words a clerk reads, instead of the framework's English text.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        log.debug("unreadable request body", e);
        if (e.getCause() instanceof JacksonException j && !j.getPath().isEmpty()) {
            String field = j.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + (r.getIndex() + 1) + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            String value = j instanceof InvalidFormatException f && f.getValue() != null ? "“" + f.getValue() + "”" : "";
            String message = "字段" + field + "的值" + value + "格式不正确";
            return ResponseEntity.badRequest().body(new ApiError(400, message,
                    List.of(new BusinessException.FieldProblem(field, "格式不正确")), Instant.now()));
        }
        return ResponseEntity.badRequest().body(new ApiError(400, "提交的内容格式不正确，无法识别", List.of(), Instant.now()));
    }

    /** A query parameter of the wrong kind (year=abc). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        String message = "参数" + e.getName() + "的值“" + e.getValue() + "”格式不正确";
        return ResponseEntity.badRequest().body(new ApiError(400, message,
                List.of(new BusinessException.FieldProblem(e.getName(), "格式不正确")), Instant.now()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(new ApiError(400, "缺少参数" + e.getParameterName(),
                List.of(new BusinessException.FieldProblem(e.getParameterName(), "不能为空")), Instant.now()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> illegal(IllegalArgumentException e) {
        log.debug("bad request", e);
        return ResponseEntity.badRequest().body(new ApiError(400, e.getMessage(), List.of(), Instant.now()));
    }
}
