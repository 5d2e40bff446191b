package org.ganxun.platform.web;

import java.util.List;

/**
 * A request that cannot be done as asked, with a message a clerk can act on (in Chinese, shown as is).
 * Maps to HTTP 400, or to the given status.
 */
public class BusinessException extends RuntimeException {

    private final int status;
    private final List<FieldProblem> problems;

    public BusinessException(String message) {
        this(400, message, List.of());
    }

    public BusinessException(String message, List<FieldProblem> problems) {
        this(400, message, problems);
    }

    public BusinessException(int status, String message, List<FieldProblem> problems) {
        super(message);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public static BusinessException notFound(String what) {
        return new BusinessException(404, what + "不存在", List.of());
    }

    public static BusinessException conflict(String message) {
        return new BusinessException(409, message, List.of());
    }

    /** One field that is wrong, and why. */
    public record FieldProblem(String field, String message) {
    }
}
