package org.ganxun.platform.excel;

import java.util.Locale;

/** The spreadsheet formats the import accepts. */
public enum FileType {
    XLSX, XLS, CSV;

    /** By the file name's extension; null when not accepted. */
    public static FileType ofFileName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.endsWith(".xlsx")) {
            return XLSX;
        }
        if (n.endsWith(".xls")) {
            return XLS;
        }
        if (n.endsWith(".csv")) {
            return CSV;
        }
        return null;
    }
}
