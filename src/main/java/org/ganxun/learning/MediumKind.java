package org.ganxun.learning;

/** What a course's medium is: played in the video or audio player, or read page by page, or a courseware package run by its SCO. */
public enum MediumKind {
    VIDEO("视频"), AUDIO("音频"), DOCUMENT("文档"),
    /** A SCORM 1.2 or 2004 package, played in the SCORM player (CoursePackages). */
    PACKAGE("课件包");

    private final String label;

    MediumKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
