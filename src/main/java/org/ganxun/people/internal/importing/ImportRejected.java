package org.ganxun.people.internal.importing;

/** The file as a whole cannot be imported (no header, too many rows, a zip bomb …): nothing is stored. */
class ImportRejected extends RuntimeException {

    ImportRejected(String message) {
        super(message, null, false, false);
    }
}
