package org.ganxun.platform.security;

/**
 * What a user may do, named once. Roles are sets of these (built-in ones in {@link Role}, custom ones as data);
 * endpoints declare the permission they need with {@link Requires}, services check {@link CurrentUser#can}, and the
 * UI shows the menu entries and buttons of the permissions that {@code /api/auth/me} lists. Which rows a permission
 * reaches is the data scope's business, not the permission's.
 *
 * <p>{@link Duty} sorts them for 三员分立 (等保 2.0 level 3): the system, security and audit administrators' duties
 * may not meet in one role.
 */
public enum Permission {
    // 组织机构
    ORG_VIEW("组织机构", "查看单位和党组织", Duty.BUSINESS),
    ORG_MANAGE("组织机构", "维护单位和党组织（新建、修改、移动、撤销）", Duty.BUSINESS),
    // 干部
    ROSTER_VIEW("干部管理", "查看干部花名册和干部信息", Duty.BUSINESS),
    ROSTER_EDIT("干部管理", "新增和修改干部信息", Duty.BUSINESS),
    ROSTER_IMPORT("干部管理", "导入花名册", Duty.BUSINESS),
    ROSTER_EXPORT("干部管理", "导出花名册", Duty.BUSINESS),
    PHONE_VIEW("干部管理", "查看完整手机号码", Duty.BUSINESS),
    // 培训班
    TRAINING_VIEW("培训班管理", "查看培训计划、班次、师资和报名", Duty.BUSINESS),
    PLAN_MANAGE("培训班管理", "编制年度培训计划", Duty.BUSINESS),
    CLASS_FILE("培训班管理", "班次备案（新建、修改、提交）", Duty.BUSINESS),
    CLASS_APPROVE("培训班管理", "审批班次备案", Duty.BUSINESS),
    PROVIDER_MANAGE("培训班管理", "登记培训机构", Duty.BUSINESS),
    INSTRUCTOR_MANAGE("培训班管理", "维护师资库", Duty.BUSINESS),
    CALLUP_MANAGE("培训班管理", "调训：分配名额、点名调训", Duty.BUSINESS),
    ENROLL_NOMINATE("培训班管理", "学员报名：推荐本单位学员", Duty.BUSINESS),
    CLASSROOM_MANAGE("培训班管理", "教务管理：签到、考勤、请假、考核、结业、证书、评估", Duty.BUSINESS),
    EXPENSE_MANAGE("培训班管理", "培训经费：登记班次实际支出、核对开支标准", Duty.BUSINESS),
    // 党员教育
    PARTYEDU_MANAGE("党员教育", "党员教育：党员、活动、学时、短信、站点、流动课堂、统计", Duty.BUSINESS),
    PARTYEDU_SITE_MANAGE("党员教育", "维护远程教育站点、设备和流动课堂安排", Duty.BUSINESS),
    PARTYEDU_ADMIN("党员教育", "党员教育（组织部）：宣讲讲师库、站点巡检、通知支部书记", Duty.BUSINESS),
    // 挂职
    SECONDMENT_ADMIN("挂职锻炼", "挂职批次、岗位、选派、考核（组织部）", Duty.BUSINESS),
    SECONDMENT_UNIT("挂职锻炼", "挂职单位事务：推荐人选、点评日志、不放行、预警", Duty.BUSINESS),
    // 调研
    SURVEY_MANAGE("培训需求调研", "设计、发布、分析调研问卷（组织部门）", Duty.BUSINESS),
    SURVEY_ENTER("培训需求调研", "查看本单位参与的调研、录入和导入纸质问卷", Duty.BUSINESS),
    // 学时
    HOURS_RECORD("学时管理", "登记学时和集体学习", Duty.BUSINESS),
    HOURS_APPROVE("学时管理", "审核干部自报学时、直接登记已认定的学时", Duty.BUSINESS),
    ONLINE_IMPORT("学时管理", "导入网络学时", Duty.BUSINESS),
    COMPLIANCE_VIEW("学时管理", "查看达标情况和学时档案", Duty.BUSINESS),
    COMPLIANCE_REMIND("学时管理", "发送学时不足提醒", Duty.BUSINESS),
    RULES_MANAGE("学时管理", "维护学时规则", Duty.BUSINESS),
    // 网络学院
    COURSE_MANAGE("网络学院", "网络课程：新建、上传音视频和文档、发布、下架", Duty.BUSINESS),
    STUDY_INTEGRITY_VIEW("网络学院", "查看网络学习诚信记录（未计时的原因）", Duty.BUSINESS),
    EXAM_MANAGE("网络学院", "题库和考试：新建、导入、发布、阅卷、查看和导出成绩", Duty.BUSINESS),
    // 统计
    STATS_VIEW("统计分析", "查看统计分析", Duty.BUSINESS),
    // 本人
    SELF_SERVICE("个人事务", "本人的档案、学时、培训、签到、请假、问卷、挂职日志", Duty.BUSINESS),
    // 三员
    USER_MANAGE("系统管理", "用户账号管理（新建、停用、重置密码）", Duty.SYSTEM),
    SYSTEM_OPERATE("系统管理", "系统运行维护（重算达标情况等）", Duty.SYSTEM),
    ROLE_MANAGE("安全管理", "角色与权限、账号的角色和数据范围、解锁账号", Duty.SECURITY),
    AUDIT_VIEW("安全审计", "查看、导出和校验审计日志", Duty.AUDIT);

    /** The three administrators' duties of 三员分立, and the business work beside them. */
    public enum Duty {
        BUSINESS("业务"), SYSTEM("系统管理员"), SECURITY("安全管理员"), AUDIT("审计管理员");

        private final String label;

        Duty(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String group;
    private final String label;
    private final Duty duty;

    Permission(String group, String label, Duty duty) {
        this.group = group;
        this.label = label;
        this.duty = duty;
    }

    public String group() {
        return group;
    }

    public String label() {
        return label;
    }

    public Duty duty() {
        return duty;
    }
}
