package org.ganxun.survey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * Writes the poi-tl template of the survey report (src/main/resources/survey/report-template.docx), in
 * the structure of a county's training-needs survey report: how the survey was done, the findings with
 * figures and charts, the problems, sections for the author's own words, and the proposals for the plan.
 * The committed .docx may be edited in Word (keep the {{tags}}); run {@code main} to regenerate it.
 */
final class ReportTemplate {

    private ReportTemplate() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/main/resources/survey/report-template.docx");
        Files.write(out, build());
    }

    static byte[] build() {
        try (XWPFDocument doc = new XWPFDocument()) {
            para(doc, "{{title}}", 18, true, ParagraphAlignment.CENTER);
            para(doc, "{{intro}}", 12, false, null);
            para(doc, "一、调研的基本情况", 14, true, null);
            para(doc, "{{overview}}", 12, false, null);
            para(doc, "{{#returnsTable}}", 10, false, null);
            para(doc, "{{respondentSummary}}", 12, false, null);
            para(doc, "{{?forums}}", 12, false, null);
            para(doc, "{{heading}}{{summary}}", 12, false, null);
            para(doc, "{{/forums}}", 12, false, null);
            para(doc, "二、调研发现", 14, true, null);
            para(doc, "{{?findings}}", 12, false, null);
            para(doc, "{{heading}}", 12, true, null);
            para(doc, "{{sentence}}", 12, false, null);
            para(doc, "{{@chart}}", 12, false, ParagraphAlignment.CENTER);
            para(doc, "{{#table}}", 10, false, null);
            para(doc, "{{/findings}}", 12, false, null);
            para(doc, "三、干部教育培训工作存在的问题", 14, true, null);
            para(doc, "{{?problems}}", 12, false, null);
            para(doc, "{{text}}", 12, false, null);
            para(doc, "{{/problems}}", 12, false, null);
            para(doc, "{{authorProblems}}", 12, false, null);
            para(doc, "四、意见和建议", 14, true, null);
            para(doc, "{{authorSuggestions}}", 12, false, null);
            para(doc, "五、拟纳入年度培训计划的培训班", 14, true, null);
            para(doc, "{{proposalIntro}}", 12, false, null);
            para(doc, "{{?proposals}}", 12, false, null);
            para(doc, "{{text}}", 12, false, null);
            para(doc, "{{/proposals}}", 12, false, null);
            para(doc, "{{organiser}}", 12, false, ParagraphAlignment.RIGHT);
            para(doc, "{{date}}", 12, false, ParagraphAlignment.RIGHT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void para(XWPFDocument doc, String text, int size, boolean bold, ParagraphAlignment align) {
        org.ganxun.platform.word.WordParagraphs.add(doc, text, size, bold, align, "宋体");
    }
}
