package org.ganxun.learning.internal.scorm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.ganxun.demo.DemoScorm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCORM packages: manifests of SCORM 1.2 and 2004 (launch SCO, version, typical learning time), and hostile zips
 * refused before anything is stored — zip slip, absolute paths, a zip bomb, XXE in the manifest, a manifest pointing
 * outside the package or at nothing.
 */
public class ScormPackageTest {

    @TempDir Path dir;

    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    public static Map<String, byte[]> files(String... nameThenText) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            m.put(nameThenText[i], nameThenText[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    private ScormPackage.Manifest read(byte[] zip) throws Exception {
        Path file = dir.resolve("p" + System.nanoTime() + ".zip");
        Files.write(file, zip);
        assertThat(ScormPackage.isZip(file)).isTrue();
        Path target = dir.resolve("x" + System.nanoTime());
        ScormPackage.unpack(file, target, 50L * 1024 * 1024);
        return ScormPackage.manifest(target);
    }

    @Test
    void theDemoPackageIsScorm12WithItsLaunchAndFiveMinutes() throws Exception {
        ScormPackage.Manifest m = read(DemoScorm.scorm12Package());
        assertThat(m.version()).isEqualTo("1.2");
        assertThat(m.launch()).isEqualTo("index.html");
        assertThat(m.typicalSeconds()).isEqualTo(300); // <datetime>00:05:00</datetime>
        assertThat(m.title()).isEqualTo("廉洁从政知识互动课件");
    }

    static final String MANIFEST_2004 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                      xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
              <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion>%s</metadata>
              <organizations default="B">
                <organization identifier="A"><title>Not this one</title><item identifier="a1" identifierref="r0"/></organization>
                <organization identifier="B"><title>课程二〇〇四</title>
                  <item identifier="folder"><title>第一章</title>
                    <item identifier="i1" identifierref="asset"/>
                    <item identifier="i2" identifierref="sco" parameters="?chapter=1"/>
                  </item>
                </organization>
              </organizations>
              <resources xml:base="content/">
                <resource identifier="r0" type="webcontent" adlcp:scormType="sco" href="wrong.html"/>
                <resource identifier="asset" type="webcontent" adlcp:scormType="asset" href="intro.html"/>
                <resource identifier="sco" type="webcontent" adlcp:scormType="sco" xml:base="ch1/" href="start.html"/>
              </resources>
            </manifest>
            """;

    @Test
    void aScorm2004ManifestGivesTheDefaultOrganizationsFirstScoWithBasesParametersAndTheLomTime() throws Exception {
        String lom = "<lom xmlns=\"http://ltsc.ieee.org/xsd/LOM\"><educational><typicalLearningTime><duration>PT1H30M</duration>"
                + "<description><string>一个半小时</string></description></typicalLearningTime></educational></lom>";
        ScormPackage.Manifest m = read(zip(files("imsmanifest.xml", MANIFEST_2004.formatted(lom).strip(),
                "content/ch1/start.html", "<html></html>", "content/intro.html", "<html></html>")));
        assertThat(m.version()).isEqualTo("2004");
        // the asset comes first in the tree, but the SCO is launched; xml:base of resources and resource, then parameters
        assertThat(m.launch()).isEqualTo("content/ch1/start.html?chapter=1");
        assertThat(m.typicalSeconds()).isEqualTo(5400);
        assertThat(m.title()).isEqualTo("课程二〇〇四"); // the default organization's
    }

    @Test
    void theLearningTimeMayComeFromAMetadataFileTheManifestNames() throws Exception {
        String location = "<adlcp:location>meta/course.xml</adlcp:location>";
        String meta = "<lom xmlns=\"http://ltsc.ieee.org/xsd/LOM\"><educational><typicalLearningTime><duration>PT45M</duration>"
                + "</typicalLearningTime></educational></lom>";
        ScormPackage.Manifest m = read(zip(files("imsmanifest.xml", MANIFEST_2004.formatted(location).strip(),
                "content/ch1/start.html", "<html></html>", "meta/course.xml", meta)));
        assertThat(m.typicalSeconds()).isEqualTo(2700);
    }

    @Test
    void withoutALearningTimeTheManifestSaysNothingAndTheClerkMustEnterOne() throws Exception {
        ScormPackage.Manifest m = read(zip(files("imsmanifest.xml", MANIFEST_2004.formatted("").strip(),
                "content/ch1/start.html", "<html></html>")));
        assertThat(m.typicalSeconds()).isNull();
    }

    @Test
    void learningTimesAreReadInBothFormatsAndAbsurdOnesIgnored() {
        assertThat(ScormPackage.seconds("PT30M")).isEqualTo(1800);
        assertThat(ScormPackage.seconds("pt1h0m30s")).isEqualTo(3630);
        assertThat(ScormPackage.seconds("PT90.5S")).isEqualTo(90);
        assertThat(ScormPackage.seconds("00:05:00")).isEqualTo(300);
        assertThat(ScormPackage.seconds("0000:30:00.00")).isEqualTo(1800); // SCORM 1.2 CMITimespan
        assertThat(ScormPackage.seconds("P1Y")).isNull();
        assertThat(ScormPackage.seconds("PT0S")).isNull();
        assertThat(ScormPackage.seconds("P2D")).isNull(); // more than a day
        assertThat(ScormPackage.seconds("P")).isNull();
        assertThat(ScormPackage.seconds("<script>")).isNull();
        assertThat(ScormPackage.seconds("PT99999999999999999999H")).isNull();
    }

    private void refused(byte[] zip, String message) throws IOException {
        Path file = dir.resolve("h" + System.nanoTime() + ".zip");
        Files.write(file, zip);
        Path target = dir.resolve("t" + System.nanoTime());
        assertThatThrownBy(() -> {
            ScormPackage.unpack(file, target, 20L * 1024 * 1024);
            ScormPackage.manifest(target);
        }).isInstanceOf(ScormPackage.Refused.class).hasMessageContaining(message);
        // nothing was written outside the folder the package was to go to
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    public static final String MANIFEST_12 = new String(zipEntry(DemoScorm.scorm12Package(), "imsmanifest.xml"), StandardCharsets.UTF_8);

    static byte[] zipEntry(byte[] zip, String name) {
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException(name);
    }

    @Test
    void hostileZipsAreRefused() throws IOException {
        // zip slip: a name that climbs out of the folder, an absolute one, a Windows one
        refused(zip(files("imsmanifest.xml", MANIFEST_12, "index.html", "x", "../evil.txt", "gotcha")), "不安全的文件路径");
        refused(zip(files("a/../../evil.txt", "gotcha")), "不安全的文件路径");
        refused(zip(files("/tmp/evil.txt", "gotcha")), "不安全的文件路径");
        refused(zip(files("..\\evil.txt", "gotcha")), "不安全的文件路径");
        refused(zip(files("C:/evil.txt", "gotcha")), "不安全的文件路径");
        // a zip bomb: 200 MB of zeros deflate to about 200 KB (a ratio near 1000)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("imsmanifest.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        refused(out.toByteArray(), "压缩炸弹");
        // XXE: a manifest with an external entity is refused for its DOCTYPE, never resolved
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE manifest [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<manifest><metadata><schemaversion>1.2</schemaversion></metadata><organizations><organization><title>&x;</title>"
                + "</organization></organizations><resources/></manifest>";
        refused(zip(files("imsmanifest.xml", xxe)), "DOCTYPE");
        // not a package, or one that launches nothing in it
        refused(zip(files("index.html", "<html></html>")), "没有 imsmanifest.xml");
        refused(zip(files("imsmanifest.xml", MANIFEST_12)), "启动文件不存在");
        refused(zip(files("imsmanifest.xml", MANIFEST_12.replace("href=\"index.html\">", "href=\"http://evil.example/x.html\">"),
                "index.html", "x")), "找不到可启动");
        refused(zip(files("imsmanifest.xml", MANIFEST_12.replace("href=\"index.html\">", "href=\"../../etc/passwd\">"),
                "index.html", "x")), "不安全的文件路径");
        refused(zip(files("imsmanifest.xml", "<manifest><metadata><schemaversion>CAM 9</schemaversion></metadata></manifest>")),
                "不是 SCORM 1.2 或 SCORM 2004");
        refused("PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1), "不是有效的 zip");
    }
}
