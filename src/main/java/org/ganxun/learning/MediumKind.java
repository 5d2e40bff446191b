package org.ganxun.learning;

/** What a course's medium is: played in the video or audio player, or read page by page. */
public enum MediumKind {
    VIDEO("视频"), AUDIO("音频"), DOCUMENT("文档");

    private final String label;

    MediumKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
