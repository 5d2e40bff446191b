package org.ganxun.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.idev.excel.FastExcel;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.archive.TrainingType;
import org.ganxun.compliance.internal.ArchiveDocument;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class ArchiveDocumentTest {

    @Autowired Fixture fixture;
    @Autowired ArchiveEntries entries;
    @Autowired ArchiveDocument document;

    @Test
    void pdfEmbedsTheChineseFontAndCarriesTheEntriesAndExcelHasBothSheets() throws Exception {
        long town = fixture.org(fixture.org(null, Fixture.unique("文档县"), "COUNTY"), Fixture.unique("文档镇"), "TOWNSHIP");
        long cadre = fixture.cadre("欧阳档案", town);
        LocalDate on = LocalDate.now().minusDays(5);
        fixture.as(Fixture.systemAdmin(), () -> entries.record(new ArchiveEntries.EntryRequest(cadre, CreditSource.CLASS_COMPLETION,
                null, "学习贯彻党的二十大精神专题培训班", "县委党校", on.minusDays(2), on, on, new BigDecimal("3"), QuantityUnit.DAYS, null,
                Delivery.CONCENTRATED, true, true, TrainingType.THEMATIC, null)));

        byte[] pdf = fixture.as(Fixture.systemAdmin(), () -> document.pdf(cadre, LocalDate.now()));
        Path out = Path.of("target", "documents");
        Files.createDirectories(out);
        Files.write(out.resolve("archive.pdf"), pdf);
        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text).contains("干部教育培训学习档案").contains("欧阳档案").contains("学习贯彻党的二十大精神专题培训班").contains("24");
        String raw = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("NotoSansSC").contains("/FontFile2"); // the font travels inside the file
        reader.close();

        byte[] xlsx = fixture.as(Fixture.systemAdmin(), () -> document.excel(cadre, LocalDate.now()));
        List<Map<Integer, String>> rows = FastExcel.read(new ByteArrayInputStream(xlsx)).sheet("培训记录").headRowNumber(1).doReadSync();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(3)).isEqualTo("学习贯彻党的二十大精神专题培训班");
        assertThat(rows.get(0).get(9)).isEqualTo("24");
    }
}
