package org.ganxun.platform.excel;

/** One problem of one row: the Excel row number the user sees, the column's title, the cell's value, why. */
public record RowError(int row, String column, String value, String message) {
}
