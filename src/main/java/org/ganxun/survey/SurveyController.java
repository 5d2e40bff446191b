package org.ganxun.survey;

import jakarta.validation.Valid;
import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.PublicUrl;
import org.ganxun.platform.web.Downloads;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/surveys")
@Requires({SURVEY_MANAGE, SURVEY_ENTER})
class SurveyController {


    private final Surveys surveys;
    private final SurveyReturns returns;
    private final SurveyImport imports;
    private final SurveyAnalysis analysis;
    private final SurveyReport report;
    private final Forums forums;
    private final ClassProposals proposals;
    private final JsonMapper json;
    private final PublicUrl publicUrl;

    SurveyController(Surveys surveys, SurveyReturns returns, SurveyImport imports, SurveyAnalysis analysis, SurveyReport report,
                     Forums forums, ClassProposals proposals, JsonMapper json, PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
        this.surveys = surveys;
        this.returns = returns;
        this.imports = imports;
        this.analysis = analysis;
        this.report = report;
        this.forums = forums;
        this.proposals = proposals;
        this.json = json;
    }

    record PaperReturn(Long targetId, JsonNode answers, @Valid SurveyReturns.Group group) {
    }

    @GetMapping
    @Requires({SURVEY_MANAGE, SURVEY_ENTER})
    List<Surveys.Survey> list() {
        return surveys.list();
    }

    @PostMapping
    @Requires(SURVEY_MANAGE)
    Surveys.Survey create(@Valid @RequestBody Surveys.SurveyRequest req) {
        return surveys.create(req);
    }

    @GetMapping("/{id}")
    Surveys.Survey get(@PathVariable long id) {
        return surveys.requireVisible(id);
    }

    @PutMapping("/{id}")
    @Requires(SURVEY_MANAGE)
    Surveys.Survey update(@PathVariable long id, @Valid @RequestBody Surveys.SurveyRequest req) {
        return surveys.update(id, req);
    }

    @PutMapping("/{id}/targets")
    @Requires(SURVEY_MANAGE)
    Surveys.Survey targets(@PathVariable long id, @RequestBody List<Surveys.@Valid TargetRequest> targets) {
        return surveys.replaceTargets(id, targets);
    }

    @PostMapping("/{id}/open")
    @Requires(SURVEY_MANAGE)
    Surveys.Survey open(@PathVariable long id) {
        return surveys.open(id);
    }

    @PostMapping("/{id}/close")
    @Requires(SURVEY_MANAGE)
    Surveys.Survey close(@PathVariable long id) {
        return surveys.close(id);
    }

    /** The bank of common training-needs questions (SurveyJS elements) the designer can insert. */
    @GetMapping(value = "/question-bank", produces = MediaType.APPLICATION_JSON_VALUE)
    @Requires(SURVEY_MANAGE)
    String questionBank() throws IOException {
        String bank;
        try (InputStream in = SurveyController.class.getResourceAsStream("/survey/question-bank.json")) {
            bank = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the 乡镇 question offers the jurisdiction's real townships instead of the bank's placeholder
        List<String> townships = surveys.townships();
        if (townships.isEmpty()) {
            return bank;
        }
        tools.jackson.databind.node.ArrayNode items = (tools.jackson.databind.node.ArrayNode) json.readTree(bank);
        for (tools.jackson.databind.JsonNode item : items) {
            tools.jackson.databind.JsonNode element = item.path("element");
            if ("township".equals(element.path("name").asString(""))) {
                tools.jackson.databind.node.ArrayNode choices = ((tools.jackson.databind.node.ObjectNode) element).putArray("choices");
                townships.forEach(choices::add);
            }
        }
        return json.writeValueAsString(items);
    }

    @GetMapping("/{id}/progress")
    SurveyReturns.Progress progress(@PathVariable long id) {
        return returns.progress(id);
    }

    @PostMapping("/{id}/remind")
    @Requires(SURVEY_MANAGE)
    Map<String, Integer> remind(@PathVariable long id) {
        return Map.of("reminded", returns.remind(id));
    }

    /** The link of the answer page (per target group with ?target=) and its QR code. */
    @GetMapping("/{id}/link")
    Map<String, String> link(@PathVariable long id, @RequestParam(required = false) Long target) {
        Surveys.Survey s = surveys.requireVisible(id);
        return Map.of("url", url(s, target));
    }

    @GetMapping(value = "/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    byte[] qr(@PathVariable long id, @RequestParam(required = false) Long target) throws IOException, WriterException {
        Surveys.Survey s = surveys.requireVisible(id);
        var matrix = new QRCodeWriter().encode(url(s, target), BarcodeFormat.QR_CODE, 360, 360,
                Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        return out.toByteArray();
    }

    private String url(Surveys.Survey s, Long target) {
        if (target != null && s.targets().stream().noneMatch(t -> t.id() == target)) {
            throw new BusinessException("调研对象范围无效");
        }
        return publicUrl.link("/#/s/" + s.publicToken() + (target == null ? "" : "?g=" + target));
    }

    @GetMapping("/{id}/returns")
    SurveyReturns.ReturnPage returnsOf(@PathVariable long id, @RequestParam(required = false) SurveyReturns.Channel channel,
                                       @RequestParam(required = false) Long targetId, @RequestParam(defaultValue = "false") boolean oldestFirst,
                                       @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        return returns.list(id, channel, targetId, oldestFirst, page, size);
    }

    @PostMapping("/{id}/returns/paper")
    @Requires({SURVEY_MANAGE, SURVEY_ENTER})
    SurveyReturns.Receipt paper(@PathVariable long id, @Valid @RequestBody PaperReturn req) {
        return returns.enterPaper(id, req.targetId(), req.answers(), req.group());
    }

    @PostMapping(path = "/{id}/returns/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Requires({SURVEY_MANAGE, SURVEY_ENTER})
    SurveyImport.Result importReturns(@PathVariable long id, @RequestPart("file") MultipartFile file,
                                      @RequestParam(required = false) Long targetId) throws IOException {
        return imports.importFile(id, targetId, file.getBytes());
    }

    @GetMapping("/{id}/returns/template.xlsx")
    ResponseEntity<byte[]> template(@PathVariable long id) {
        Surveys.Survey s = surveys.requireVisible(id);
        return Downloads.attachment(s.title() + "-答卷导入模板.xlsx", Downloads.XLSX, imports.template(id));
    }

    @GetMapping("/{id}/analysis")
    @Requires(SURVEY_MANAGE)
    SurveyAnalysis.Analysis analysis(@PathVariable long id) {
        return analysis.analyse(id);
    }

    @GetMapping("/{id}/report.docx")
    @Requires(SURVEY_MANAGE)
    ResponseEntity<byte[]> report(@PathVariable long id) {
        SurveyReport.Document d = report.render(id);
        return Downloads.attachment(d.fileName(), Downloads.DOCX, d.content());
    }

    @GetMapping("/{id}/forums")
    @Requires(SURVEY_MANAGE)
    List<Forums.Forum> forums(@PathVariable long id) {
        return forums.list(id);
    }

    @PostMapping("/{id}/forums")
    @Requires(SURVEY_MANAGE)
    Forums.Forum createForum(@PathVariable long id, @Valid @RequestBody Forums.ForumRequest req) {
        return forums.create(id, req);
    }

    @PutMapping("/{id}/forums/{forumId}")
    @Requires(SURVEY_MANAGE)
    Forums.Forum updateForum(@PathVariable long id, @PathVariable long forumId, @Valid @RequestBody Forums.ForumRequest req) {
        return forums.update(id, forumId, req);
    }

    @DeleteMapping("/{id}/forums/{forumId}")
    @Requires(SURVEY_MANAGE)
    ResponseEntity<Void> deleteForum(@PathVariable long id, @PathVariable long forumId) {
        forums.delete(id, forumId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/proposals")
    @Requires(SURVEY_MANAGE)
    List<DraftClassProposal> proposals(@PathVariable long id) {
        return proposals.list(id);
    }

    @PostMapping("/{id}/proposals")
    @Requires(SURVEY_MANAGE)
    List<DraftClassProposal> drawProposals(@PathVariable long id, @RequestBody(required = false) ClassProposals.DrawRequest req) {
        return proposals.draw(id, req);
    }

    /** All draft-class proposals the user may see: what the annual plan picks from. */
    @GetMapping("/proposals")
    @Requires({SURVEY_MANAGE, PLAN_MANAGE, CLASS_FILE})
    List<DraftClassProposal> allProposals() {
        return proposals.listAll();
    }

    // ---- a cadre in the app

    @GetMapping("/mine")
    @Requires(SELF_SERVICE)
    List<SurveyReturns.MySurvey> mine() {
        return returns.mine();
    }

    @PostMapping("/answer/{token}")
    @Requires(SELF_SERVICE)
    SurveyReturns.Receipt answer(@PathVariable String token, @RequestBody JsonNode answers) {
        return returns.submitMine(token, answers);
    }
}
