package org.ganxun.demo;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The demo's SCORM package, made by the platform (nothing downloaded); tests use it too. */
public final class DemoScorm {

    private DemoScorm() {
    }

    static final String[][] SCO_PAGES = {
            {"第一节　为什么要廉洁从政", "廉洁从政是党员干部的基本要求。手中的权力是人民赋予的，只能用来为人民谋利益。"},
            {"第二节　“四个不准”", "不准收受礼金礼品；不准违规经商办企业；不准违规插手工程项目；不准违规使用公车公物。"},
            {"第三节　案例警示", "某乡镇干部借扶贫项目之机虚报冒领补助资金，受到开除党籍、开除公职处分，并移送司法机关。"},
            {"第四节　学习小结", "请牢记：公私分明、克己奉公、严格自律。翻到本节，本课件即记为“已学完”。"}};

    /**
     * A small SCORM 1.2 package made here (no download): a manifest with the LOM typical learning time (5 minutes)
     * and one SCO of four sections, which finds the LMS's API in its parent window, reports {@code incomplete} when it
     * starts and {@code completed} on its last section.
     */
    public static byte[] scorm12Package() {
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="ganxun-demo-lianjie" version="1"
                          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
                          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
                  <metadata>
                    <schema>ADL SCORM</schema>
                    <schemaversion>1.2</schemaversion>
                    <lom xmlns="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1">
                      <educational><typicallearningtime><datetime>00:05:00</datetime></typicallearningtime></educational>
                    </lom>
                  </metadata>
                  <organizations default="org1">
                    <organization identifier="org1">
                      <title>廉洁从政知识互动课件</title>
                      <item identifier="item1" identifierref="sco1"><title>廉洁从政知识</title></item>
                    </organization>
                  </organizations>
                  <resources>
                    <resource identifier="sco1" type="webcontent" adlcp:scormtype="sco" href="index.html">
                      <file href="index.html"/>
                    </resource>
                  </resources>
                </manifest>
                """;
        StringBuilder sections = new StringBuilder();
        for (int i = 0; i < SCO_PAGES.length; i++) {
            sections.append("<section data-n=\"").append(i).append("\"").append(i == 0 ? "" : " hidden").append("><h2>")
                    .append(SCO_PAGES[i][0]).append("</h2><p>").append(SCO_PAGES[i][1]).append("</p></section>\n");
        }
        String html = """
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>廉洁从政知识</title>
                <style>body{font-family:sans-serif;margin:0;padding:16px;line-height:1.7;color:#222}
                h2{font-size:18px;color:#1e3a5f}nav{display:flex;gap:12px;align-items:center;margin-top:20px}
                button{font-size:16px;padding:8px 18px}</style></head>
                <body>
                %s<nav><button id="prev">上一节</button><span id="at"></span><button id="next">下一节</button></nav>
                <script>
                // the SCORM 1.2 discovery: the LMS puts window.API in a parent window
                function findAPI(w){for(var i=0;w&&i<10;i++){if(w.API)return w.API;if(w.parent===w)break;w=w.parent;}return null;}
                var api=findAPI(window.parent), n=0, total=%d;
                if(api){api.LMSInitialize("");if(api.LMSGetValue("cmi.core.lesson_status")!=="completed"){api.LMSSetValue("cmi.core.lesson_status","incomplete");}}
                function show(k){n=Math.max(0,Math.min(total-1,k));
                  document.querySelectorAll("section").forEach(function(s){s.hidden=Number(s.dataset.n)!==n;});
                  document.getElementById("at").textContent=(n+1)+" / "+total;
                  if(api){api.LMSSetValue("cmi.core.lesson_location",String(n));
                    if(n===total-1){api.LMSSetValue("cmi.core.lesson_status","completed");}api.LMSCommit("");}}
                document.getElementById("prev").onclick=function(){show(n-1);};
                document.getElementById("next").onclick=function(){show(n+1);};
                window.addEventListener("pagehide",function(){if(api){api.LMSFinish("");}});
                show(0);
                </script></body></html>
                """.formatted(sections, SCO_PAGES.length);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out, java.nio.charset.StandardCharsets.UTF_8)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("imsmanifest.xml"));
            zip.write(manifest.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("index.html"));
            zip.write(html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

}
