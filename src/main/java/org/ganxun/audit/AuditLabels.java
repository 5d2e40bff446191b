package org.ganxun.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Chinese names of the entity types and actions other modules write to the audit log: the one place
 * both the log's list and its filters take them from. A code without a name here is shown as it is.
 */
public final class AuditLabels {

    /** Entity types, grouped by module in the order the filter offers them. */
    static final Map<String, String> ENTITY_TYPES = ordered(
            // identity, organisations, people
            "User", "用户",
            "Role", "角色",
            "Organization", "单位",
            "PartyOrganization", "党组织",
            "Cadre", "干部",
            "ImportJob", "导入任务",
            "CadreProfile", "干部队伍结构统计",
            // training
            "AnnualPlan", "年度培训计划",
            "TrainingClass", "培训班次",
            "ClassSession", "课程",
            "TrainingProvider", "培训机构",
            "Instructor", "师资",
            "Enrollment", "学员报名",
            "Attendance", "考勤",
            "LeaveRequest", "请假",
            "Certificate", "结业证书",
            // hours archive and compliance
            "ArchiveEntry", "学时记录",
            "GroupStudySession", "集体学习",
            "OnlineImport", "网络学时导入",
            "Course", "网络课程",
            "CourseAssignment", "网络学院学习任务",
            "ExamQuestion", "试题",
            "Exam", "考试",
            "ExamAnswer", "阅卷",
            "ExamResult", "考试成绩",
            "TrainingPlan", "培训规划",
            "PlanNeed", "培训需求",
            "ClassExpense", "培训经费支出",
            "ClassFeeProfile", "培训班经费核算口径",
            "FeeStandard", "培训费开支标准",
            "SchedulingSettings", "排期设置",
            "PlanFund", "培训专项资金",
            "PlanReport", "规划评估报告",
            "PlanReportText", "评估报告文字",
            "CalendarFeed", "日历订阅",
            "RuleSet", "学时规则",
            "LearningArchive", "学习档案",
            "TrainingStatistics", "干部教育培训统计",
            "ComplianceStanding", "学时达标情况",
            // party education
            "PartyMember", "党员",
            "StudyActivity", "学习活动",
            "StudyMaterial", "学习材料",
            "RemoteSite", "远程教育站点",
            "SiteEquipment", "站点设备",
            "SiteSession", "站点播放记录",
            "SiteAlert", "站点预警",
            "MessageTemplate", "短信模板",
            "Broadcast", "短信群发",
            "Lecturer", "流动课堂讲师",
            "ClassroomVisit", "流动课堂",
            "PartyEduStatistics", "党员教育统计",
            // secondment
            "SecondmentProgramme", "挂职批次",
            "SecondmentPost", "挂职岗位",
            "SecondmentCandidate", "挂职人选",
            "SecondmentPosting", "挂职安排",
            "SecondmentLog", "挂职工作日志",
            "SecondmentReview", "挂职中期检查",
            "SecondmentEvaluation", "挂职考核",
            "SecondmentExpense", "挂职保障经费",
            "SecondmentForum", "挂职干部座谈会",
            "SecondmentStatistics", "挂职锻炼统计",
            // needs survey
            "Survey", "调研问卷",
            "SurveyTarget", "调研对象",
            "SurveyReturn", "问卷答卷",
            "SurveyForum", "调研座谈会",
            // system
            "AuditLog", "审计日志",
            "DemoData", "演示数据");

    /** Actions: the common ones first, then those of each module. */
    static final Map<String, String> ACTIONS = ordered(
            "CREATE", "新增",
            "UPDATE", "修改",
            "DELETE", "删除",
            "SAVE", "保存",
            "IMPORT", "导入",
            "EXPORT", "导出",
            "SUBMIT", "提交",
            "APPROVE", "审核通过",
            "REJECT", "审核不通过",
            "RETURN", "退回",
            "CANCEL", "取消",
            // identity
            "LOGIN", "登录",
            "LOGIN_FAILED", "登录失败",
            "LOGIN_LOCKED", "账号锁定",
            "RESET_PASSWORD", "重置密码",
            "CHANGE_PASSWORD", "修改密码",
            "UNLOCK", "解锁",
            "UNLOCK_CHECKIN_CODE", "解除签到码锁定",
            // organisations
            "RENAME", "更名",
            "MOVE", "移动",
            "RETIRE", "撤销",
            // training
            "SET_QUOTAS", "分配名额",
            "NOMINATE", "单位推荐",
            "NAME", "点名调训",
            "WITHDRAW", "退出培训",
            "PROMOTE", "候补递补",
            "WAITLIST_SKIP", "候补跳过",
            "UPDATE_CHECKIN_SETTINGS", "签到设置",
            "ROLL_CALL", "点名",
            "CORRECT_ATTENDANCE", "更正考勤",
            "REQUEST_LEAVE", "请假申请",
            "APPROVE_LEAVE", "批准请假",
            "REFUSE_LEAVE", "不批准请假",
            "RETURN_FROM_LEAVE", "销假",
            "CANCEL_LEAVE", "撤回请假",
            "SET_EVALUATION_CRITERIA", "设置评教指标",
            "SET_ASSESSMENT", "设置考核项目",
            "SET_SCORE", "录入考核成绩",
            "ADD_DISCIPLINE", "记录违纪",
            "SET_COMPLETION_RULE", "设置结业规则",
            "COMPLETE", "结业",
            "REVOKE_CERTIFICATE", "撤销结业证书",
            "EXPORT_DOSSIER", "导出一期一档",
            // hours archive
            "REPORT", "申报学时",
            "START", "开始导入",
            // party education
            "CONTACT", "联系流动党员",
            "UPLOAD", "上传",
            "PUBLISH", "发布",
            "UNPUBLISH", "下架",
            "DRAFT", "拟定培训班",
            "RESCHEDULE", "按排期调整日期",
            "ATTENDANCE", "登记参学",
            "INVITE", "发送参学链接",
            "ATTEND_ONLINE", "在线参学",
            "RESOLVE", "处理预警",
            "SEND", "发送",
            // secondment
            "SCORE", "录入成绩",
            "REFUSE", "不放行",
            "ROTATE", "轮岗",
            "COMMENT", "点评",
            // needs survey
            "OPEN", "发布",
            "CLOSE", "结束",
            "ENTER", "录入纸质问卷",
            "REMIND", "催办",
            "PROPOSE", "提出培训建议",
            // system
            "QUERY", "查询",
            "VERIFY", "校验完整性",
            "PURGE", "按期清理",
            "DEMO_LOAD", "载入演示数据");

    private AuditLabels() {
    }

    /** The Chinese name of an entity type, or the code itself when it has none. */
    public static String entityType(String code) {
        return code == null ? null : ENTITY_TYPES.getOrDefault(code, code);
    }

    /** The Chinese name of an action, or the code itself when it has none. */
    public static String action(String code) {
        return code == null ? null : ACTIONS.getOrDefault(code, code);
    }

    private static Map<String, String> ordered(String... codesAndLabels) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < codesAndLabels.length; i += 2) {
            if (m.put(codesAndLabels[i], codesAndLabels[i + 1]) != null) {
                throw new IllegalStateException("named twice: " + codesAndLabels[i]);
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
