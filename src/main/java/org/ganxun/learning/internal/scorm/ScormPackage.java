package org.ganxun.learning.internal.scorm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * SCORM 1.2 and 2004 content packages: unpacking an uploaded zip safely and reading its {@code imsmanifest.xml}.
 * Pure file work, no database: {@code Courses} stores what this finds.
 *
 * <p>Unpacking refuses, with a reason: more than {@link #MAX_ENTRIES} entries; an entry whose name leaves the
 * target folder (zip slip: {@code ../}, an absolute path, a drive letter, a backslash, a NUL) ; more than
 * {@code maxUnpacked} bytes in all, or an entry that inflates past {@link #MAX_RATIO} times its packed size (a zip
 * bomb) — counted on the bytes actually inflated, so an archive whose directory lies about sizes is caught too.
 *
 * <p>The manifest is parsed with DOCTYPEs refused and external entities, DTDs, schemas and XInclude off (XXE). The
 * version comes from {@code metadata/schemaversion} ("1.2"; "2004 …" or "CAM 1.3"), else from the ADL namespaces.
 * The launch SCO is the first item, depth first, of the default organization whose resource has an {@code href}
 * (preferring one whose scormType is {@code sco}), with the resources' {@code xml:base} and the item's
 * {@code parameters}; it must be a file in the package. The nominal learning time is the first
 * {@code typicalLearningTime} of the manifest's inline LOM metadata or of a metadata file it names
 * ({@code adlcp:location}): ISO 8601 {@code PT1H30M} (SCORM 2004, LOM {@code duration}) or {@code HH:MM:SS}
 * (SCORM 1.2's CMITimespan, LOM 1.2 {@code datetime}).
 */
public final class ScormPackage {

    static final int MAX_ENTRIES = 5_000;
    static final int MAX_RATIO = 100;

    /** Why a package was refused; the message is for the clerk. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** What the manifest says: version "1.2" or "2004", launch path (relative, with its query), learning time in seconds or null. */
    public record Manifest(String version, String launch, Integer typicalSeconds, String title, List<Sco> scos) {

        Manifest(String version, String launch, Integer typicalSeconds, String title) {
            this(version, launch, typicalSeconds, title, List.of());
        }
    }

    /** One SCO of the default organization: its item's identifier and title, and its launch path in the package. */
    public record Sco(String id, String title, String launch) {
    }

    /** SCOs of one package at most (a table of contents longer than this is not a course for a phone). */
    static final int MAX_SCOS = 200;

    private ScormPackage() {
    }

    public static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    /** Unpacks the zip into {@code target} (created; must be empty). */
    public static void unpack(Path zipFile, Path target, long maxUnpacked) throws Refused, IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        long total = 0;
        int count = 0;
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (++count > MAX_ENTRIES) {
                    throw new Refused("课件包内的文件超过" + MAX_ENTRIES + "个");
                }
                Path dest = safeTarget(root, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(dest);
                    continue;
                }
                Files.createDirectories(dest.getParent());
                long packed = Math.max(e.getCompressedSize(), 1);
                long written = 0;
                try (InputStream in = zip.getInputStream(e); OutputStream out = Files.newOutputStream(dest)) {
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        written += n;
                        total += n;
                        if (total > maxUnpacked) {
                            throw new Refused("课件包解压后超过" + (maxUnpacked / 1024 / 1024) + "MB（疑似“压缩炸弹”），已拒绝");
                        }
                        if (written > 1024 * 1024 && written / packed > MAX_RATIO) {
                            throw new Refused("课件包中的文件解压后体积异常巨大（疑似“压缩炸弹”），已拒绝");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw new Refused("文件不是有效的 zip 课件包");
        } catch (IllegalArgumentException e) { // a name not valid in the archive's encoding
            throw new Refused("课件包中有无法识别的文件名");
        }
        if (count == 0) {
            throw new Refused("课件包是空的");
        }
    }

    /** Where an entry goes, or a refusal when its name would leave the folder. */
    public static Path safeTarget(Path root, String name) throws Refused {
        if (name == null || name.isEmpty() || name.length() > 400 || name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0
                || name.startsWith("/") || name.matches("^[A-Za-z]:.*") || name.chars().anyMatch(c -> c < 0x20)) {
            throw new Refused("课件包中有不安全的文件路径：" + visible(name));
        }
        for (String seg : name.split("/")) {
            if (seg.equals("..")) {
                throw new Refused("课件包中有不安全的文件路径：" + visible(name));
            }
        }
        Path p = root.resolve(name).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new Refused("课件包中有不安全的文件路径：" + visible(name));
        }
        return p;
    }

    private static String visible(String name) {
        String s = name == null ? "" : name.replaceAll("[\\p{Cntrl}]", "?");
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** Reads the unpacked package's imsmanifest.xml. */
    public static Manifest manifest(Path root) throws Refused, IOException {
        Path file = root.resolve("imsmanifest.xml");
        if (!Files.isRegularFile(file)) {
            throw new Refused("课件包根目录中没有 imsmanifest.xml，不是 SCORM 课件包");
        }
        Document doc = parse(file);
        Element manifest = doc.getDocumentElement();
        if (!"manifest".equals(local(manifest))) {
            throw new Refused("imsmanifest.xml 不是 SCORM 课件包清单");
        }
        String version = version(manifest);
        if (version == null) {
            throw new Refused("课件包不是 SCORM 1.2 或 SCORM 2004 格式");
        }
        String launch = launch(manifest);
        if (launch == null) {
            throw new Refused("课件包清单中找不到可启动的学习内容（SCO）");
        }
        String path = launch.split("[?#]", 2)[0];
        Path launchFile = safeTarget(root.toAbsolutePath().normalize(), path);
        if (!Files.isRegularFile(launchFile)) {
            throw new Refused("课件包清单指向的启动文件不存在：" + visible(path));
        }
        Integer seconds = typicalSeconds(manifest, root);
        Element org = defaultOrganization(manifest);
        Element t = org == null ? null : first(org, "title");
        String title = t == null ? null : t.getTextContent().strip();
        return new Manifest(version, launch, seconds, title, scos(manifest, root));
    }

    /**
     * The SCOs of the default organization, depth first (the table of contents a multi-SCO package plays as): each
     * item whose resource is a SCO ({@code scormType="sco"}) with an {@code href} that is a file of the package.
     * Assets and missing files are left out; an item pointing outside the package refuses it, as the launch SCO does. Empty when fewer than two: the package plays its launch SCO.
     */
    private static List<Sco> scos(Element manifest, Path root) throws Refused {
        Element resources = first(manifest, "resources");
        Element org = defaultOrganization(manifest);
        if (resources == null || org == null) {
            return List.of();
        }
        List<Element> items = new ArrayList<>();
        collectItems(org, items);
        List<Sco> out = new ArrayList<>();
        Path base = root.toAbsolutePath().normalize();
        for (Element item : items) {
            String ref = item.getAttribute("identifierref");
            String id = item.getAttribute("identifier").strip();
            if (ref.isEmpty() || id.isEmpty() || id.length() > 200) {
                continue;
            }
            for (Element res : children(resources, "resource")) {
                if (!ref.equals(res.getAttribute("identifier")) || res.getAttribute("href").isEmpty() || !isSco(res)) {
                    continue;
                }
                String url = clean(base(resources) + base(res) + res.getAttribute("href") + item.getAttribute("parameters"));
                if (url == null || url.length() > 500) {
                    continue;
                }
                if (!Files.isRegularFile(safeTarget(base, url.split("[?#]", 2)[0]))) {
                    continue;
                }
                Element t = first(item, "title");
                String title = t == null ? id : t.getTextContent().strip().replaceAll("[\\p{Cntrl}<>]", "");
                out.add(new Sco(id, title.length() > 100 ? title.substring(0, 100) : title, url));
                if (out.size() > MAX_SCOS) {
                    throw new Refused("课件包的学习单元（SCO）超过" + MAX_SCOS + "个");
                }
            }
        }
        return out.size() < 2 ? List.of() : out;
    }

    static Document parse(Path file) throws Refused, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return builder().parse(in);
        } catch (SAXException e) {
            throw new Refused("课件包清单不是有效的 XML，或含有不允许的 DOCTYPE/外部实体");
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // XXE: no DOCTYPE at all, and every way to reach outside the file off as well
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String version(Element manifest) {
        Element meta = first(manifest, "metadata");
        Element sv = meta == null ? null : first(meta, "schemaversion");
        if (sv != null) {
            String v = sv.getTextContent().strip();
            if (v.equals("1.2")) {
                return "1.2";
            }
            if (v.contains("2004") || v.startsWith("CAM 1.3")) {
                return "2004";
            }
        }
        String xml = namespaces(manifest);
        if (xml.contains("adlcp_v1p3") || xml.contains("imscp_v1p1") && xml.contains("imsss")) {
            return "2004";
        }
        if (xml.contains("adlcp_rootv1p2")) {
            return "1.2";
        }
        return null;
    }

    private static String namespaces(Element e) {
        StringBuilder sb = new StringBuilder();
        var attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            sb.append(attrs.item(i).getNodeValue()).append(' ');
        }
        return sb.toString();
    }

    private static String launch(Element manifest) {
        Element resources = first(manifest, "resources");
        if (resources == null) {
            return null;
        }
        List<Element> items = new ArrayList<>();
        Element chosen = defaultOrganization(manifest);
        if (chosen != null) {
            collectItems(chosen, items);
        }
        String fallback = null;
        for (Element item : items) {
            String ref = item.getAttribute("identifierref");
            if (ref.isEmpty()) {
                continue;
            }
            for (Element res : children(resources, "resource")) {
                if (ref.equals(res.getAttribute("identifier")) && !res.getAttribute("href").isEmpty()) {
                    String url = base(resources) + base(res) + res.getAttribute("href") + item.getAttribute("parameters");
                    if (isSco(res)) {
                        return clean(url);
                    }
                    if (fallback == null) {
                        fallback = url;
                    }
                }
            }
        }
        if (fallback != null) {
            return clean(fallback);
        }
        for (Element res : children(resources, "resource")) {
            if (isSco(res) && !res.getAttribute("href").isEmpty()) {
                return clean(base(resources) + base(res) + res.getAttribute("href"));
            }
        }
        return null;
    }

    /** The organization the manifest names as default, else its first. */
    private static Element defaultOrganization(Element manifest) {
        Element orgs = first(manifest, "organizations");
        if (orgs == null) {
            return null;
        }
        String def = orgs.getAttribute("default");
        List<Element> all = children(orgs, "organization");
        return all.stream().filter(o -> o.getAttribute("identifier").equals(def)).findFirst().orElse(all.isEmpty() ? null : all.get(0));
    }

    /** A launch path inside the package: no scheme, no leading slash. */
    private static String clean(String url) {
        String u = url.strip();
        if (u.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") || u.startsWith("/") || u.startsWith("\\")) {
            return null;
        }
        return u.startsWith("./") ? u.substring(2) : u;
    }

    private static boolean isSco(Element res) {
        var attrs = res.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            String name = a.getLocalName() != null ? a.getLocalName() : a.getNodeName();
            if (name.equalsIgnoreCase("scormtype")) {
                return "sco".equalsIgnoreCase(a.getNodeValue().strip());
            }
        }
        return false;
    }

    private static String base(Element e) {
        String b = e.getAttributeNS(XMLConstants.XML_NS_URI, "base");
        return b == null ? "" : b;
    }

    private static void collectItems(Element parent, List<Element> out) {
        for (Element item : children(parent, "item")) {
            out.add(item);
            collectItems(item, out);
        }
    }

    private static Integer typicalSeconds(Element manifest, Path root) throws IOException {
        Integer s = typicalIn(manifest);
        if (s != null) {
            return s;
        }
        // metadata kept in files of their own (adlcp:location), e.g. metadata.xml beside the manifest
        NodeList all = manifest.getElementsByTagNameNS("*", "location");
        for (int i = 0; i < all.getLength(); i++) {
            String loc = all.item(i).getTextContent().strip();
            try {
                Path f = safeTarget(root.toAbsolutePath().normalize(), loc);
                if (Files.isRegularFile(f) && Files.size(f) < 1024 * 1024) {
                    Integer t = typicalIn(parse(f).getDocumentElement());
                    if (t != null) {
                        return t;
                    }
                }
            } catch (Refused e) {
                // a metadata file that is unsafe or not XML is no learning time
            }
        }
        return null;
    }

    private static Integer typicalIn(Element root) {
        NodeList all = root.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (!local(e).equalsIgnoreCase("typicallearningtime")) {
                continue;
            }
            Element value = first(e, "duration");
            if (value == null) {
                value = first(e, "datetime");
            }
            Integer s = seconds((value != null ? value : e).getTextContent().strip());
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static final Pattern ISO = Pattern.compile(
            "^P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$");
    private static final Pattern CLOCK = Pattern.compile("^(\\d{1,4}):(\\d{1,2})(?::(\\d{1,2})(?:\\.\\d{1,2})?)?$");

    /** An ISO 8601 duration or HH:MM:SS in whole seconds; null when it is neither, zero or more than 24 hours. */
    static Integer seconds(String text) {
        if (text == null || text.length() > 40) {
            return null;
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        long s;
        Matcher m = ISO.matcher(t);
        Matcher c = CLOCK.matcher(t);
        if (m.matches() && !t.equals("P") && !t.endsWith("T")) {
            if (m.group(1) != null || m.group(2) != null) {
                return null; // years or months: no course takes that long
            }
            s = num(m.group(3)) * 86_400 + num(m.group(4)) * 3_600 + num(m.group(5)) * 60
                    + (m.group(6) == null ? 0 : (long) Double.parseDouble(m.group(6)));
        } else if (c.matches()) {
            s = num(c.group(1)) * 3_600 + num(c.group(2)) * 60 + num(c.group(3));
        } else {
            return null;
        }
        return s <= 0 || s > 86_400 ? null : (int) s;
    }

    private static long num(String g) {
        return g == null ? 0 : Long.parseLong(g.length() > 6 ? "999999" : g);
    }

    private static String local(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    private static Element first(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local(e).equalsIgnoreCase(localName)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local(e).equalsIgnoreCase(localName)) {
                out.add(e);
            }
        }
        return out;
    }
}
