package org.ganxun.people.internal.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.RealCsrf.token;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.ganxun.org.OrganizationTrees;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files that are not the workbooks they claim to be end with the refusal the online-hours import gives the
 * same files ("无法读取该文件 …"), never as "服务器内部错误".
 */
@IntegrationTest
class BrokenRosterFileTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired OrganizationTrees trees;
    @Autowired JsonMapper json;

    MockMvc mvc;
    ImportFixtures fx;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        fx = new ImportFixtures(jdbc, trees);
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private byte[] good() {
        return ImportFixtures.xlsx(List.of(
                List.of("姓名", "公民身份号码", "单位", "政治面貌", "人员类别"),
                List.of("坏文件人", ImportFixtures.citizenId(LocalDate.of(1981, 3, 3), true), fx.townAName, "群众", "公务员")));
    }

    @Test
    void aSheetWithADoctypeIsRefused() throws Exception {
        byte[] file = rewrite(good(), "xl/worksheets/sheet1.xml", xml -> xml.replaceFirst("\\?>",
                "?><!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"));
        assertRefused("名册.xlsx", file);
    }

    @Test
    void brokenXmlIsRefused() throws Exception {
        byte[] file = rewrite(good(), "xl/worksheets/sheet1.xml", xml -> xml.substring(0, xml.indexOf("<sheetData>") + 20));
        assertRefused("名册.xlsx", file);
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
        byte[] file = rewriteBytes(good(), "xl/sharedStrings.xml", xml -> {
            String s = new String(xml, StandardCharsets.UTF_8);
            int at = s.indexOf("<t>") + 3;
            byte[] head = s.substring(0, at).getBytes(StandardCharsets.UTF_8);
            byte[] tail = s.substring(at).getBytes(StandardCharsets.UTF_8);
            byte[] out = Arrays.copyOf(head, head.length + 2 + tail.length);
            out[head.length] = (byte) 0xC3; // a lead byte followed by one that cannot continue it
            out[head.length + 1] = (byte) 0x28;
            System.arraycopy(tail, 0, out, head.length + 2, tail.length);
            return out;
        });
        assertRefused("名册.xlsx", file);
    }

    @Test
    void aGarbageXlsIsRefused() throws Exception {
        byte[] file = new byte[4096];
        new Random(7).nextBytes(file);
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(ole2, 0, file, 0, ole2.length);
        assertRefused("名册.xls", file);
    }

    /** Refused at upload (400) or by the job (REJECTED), in words that say what to do. */
    private void assertRefused(String name, byte[] file) throws Exception {
        MockHttpServletResponse upload = mvc.perform(multipart("/api/cadres/import")
                        .file(new MockMultipartFile("file", name, "application/octet-stream", file))
                        .param("mode", "VALID_ROWS").with(user(fx.townAUser)).with(token()))
                .andReturn().getResponse();
        String message;
        if (upload.getStatus() == 400) {
            message = json.readTree(upload.getContentAsString()).get("message").asString();
        } else {
            assertThat(upload.getStatus()).as(upload.getContentAsString()).isEqualTo(200);
            JsonNode job = await(json.readTree(upload.getContentAsString()).get("id").asLong());
            assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("REJECTED");
            message = job.get("message").asString();
        }
        assertThat(message).doesNotContain("服务器内部错误").contains("无法读取该文件").contains("另存为");
    }

    private JsonNode await(long id) throws Exception {
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            JsonNode j = json.readTree(mvc.perform(get("/api/cadres/import/" + id).with(user(fx.townAUser)))
                    .andReturn().getResponse().getContentAsString());
            String s = j.get("status").asString();
            if (!s.equals("QUEUED") && !s.equals("RUNNING")) {
                return j;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    private static byte[] rewrite(byte[] xlsx, String entry, UnaryOperator<String> change) throws IOException {
        return rewriteBytes(xlsx, entry, b -> change.apply(new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] rewriteBytes(byte[] xlsx, String entry, UnaryOperator<byte[]> change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    data = change.apply(data);
                    found = true;
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(data);
                zip.closeEntry();
            }
        }
        assertThat(found).as(entry).isTrue();
        return out.toByteArray();
    }
}
