/**
 * Routes and the menu come from the same table: `perms` (any of them) decides both who sees the menu entry and
 * who may open the page. The permissions are the server's (/api/auth/me lists the user's); the server checks every
 * request again, this only keeps the UI tidy.
 */
export const menu = [
  { path: '/home', title: '首页', icon: 'HomeFilled' },
  {
    title: '组织机构',
    icon: 'OfficeBuilding',
    children: [
      { path: '/org/units', title: '单位管理', perms: ['ORG_VIEW'] },
      { path: '/org/party', title: '党组织管理', perms: ['ORG_VIEW'] }
    ]
  },
  {
    title: '干部管理',
    icon: 'UserFilled',
    children: [
      { path: '/cadres/roster', title: '干部花名册', perms: ['ROSTER_VIEW'] },
      { path: '/cadres/import', title: '花名册导入', perms: ['ROSTER_IMPORT'] }
    ]
  },
  {
    title: '培训班管理',
    icon: 'Reading',
    children: [
      { path: '/planning/indicators', title: '培训规划与指标', perms: ['STATS_VIEW', 'PLAN_MANAGE'] },
      { path: '/planning/calendar', title: '培训日历', perms: ['TRAINING_VIEW'] },
      { path: '/planning/budget', title: '培训经费', perms: ['EXPENSE_MANAGE', 'PLAN_MANAGE', 'STATS_VIEW'] },
      { path: '/planning/fee-standard', title: '培训费标准', perms: ['EXPENSE_MANAGE', 'PLAN_MANAGE', 'STATS_VIEW'] },
      { path: '/planning/schedule-settings', title: '排期设置', perms: ['PLAN_MANAGE'] },
      { path: '/planning/report', title: '规划评估报告', perms: ['PLAN_MANAGE', 'STATS_VIEW'] },
      { path: '/training/plans', title: '年度计划', perms: ['TRAINING_VIEW'] },
      { path: '/training/classes', title: '班次备案', perms: ['TRAINING_VIEW'] },
      { path: '/training/approvals', title: '备案审批', perms: ['CLASS_APPROVE'] },
      { path: '/training/instructors', title: '师资库', perms: ['TRAINING_VIEW'] },
      { path: '/training/callup', title: '调训管理', perms: ['CALLUP_MANAGE'] },
      { path: '/training/enroll', title: '学员报名', perms: ['ENROLL_NOMINATE'] },
      { path: '/training/classroom', title: '教务管理', perms: ['CLASSROOM_MANAGE'] }
    ]
  },
  {
    title: '党员教育',
    icon: 'Flag',
    children: [
      { path: '/partyedu/members', title: '党员管理', perms: ['PARTYEDU_MANAGE'] },
      { path: '/partyedu/alerts', title: '流动党员预警', perms: ['PARTYEDU_MANAGE'] },
      { path: '/partyedu/activities', title: '学习活动', perms: ['PARTYEDU_MANAGE'] },
      { path: '/partyedu/hours', title: '党员学时', perms: ['PARTYEDU_MANAGE'] },
      { path: '/partyedu/messages', title: '短信群发', perms: ['PARTYEDU_MANAGE'] },
      { path: '/partyedu/sites', title: '远程教育站点', perms: ['PARTYEDU_MANAGE'] },
      { path: '/partyedu/classroom', title: '流动课堂', perms: ['PARTYEDU_MANAGE'] },
      { path: '/partyedu/statistics', title: '党员教育统计', perms: ['PARTYEDU_MANAGE'] }
    ]
  },
  {
    title: '挂职锻炼',
    icon: 'Guide',
    children: [
      { path: '/secondment/programmes', title: '挂职批次与岗位', perms: ['SECONDMENT_ADMIN', 'SECONDMENT_UNIT'] },
      { path: '/secondment/selection', title: '人选选拔与选派', perms: ['SECONDMENT_ADMIN', 'SECONDMENT_UNIT'] },
      { path: '/secondment/refusals', title: '派出单位不放行', perms: ['SECONDMENT_ADMIN', 'SECONDMENT_UNIT'] },
      { path: '/secondment/postings', title: '挂职人员管理', perms: ['SECONDMENT_ADMIN', 'SECONDMENT_UNIT'] },
      { path: '/secondment/alerts', title: '预警提醒', perms: ['SECONDMENT_ADMIN', 'SECONDMENT_UNIT'] },
      { path: '/secondment/evaluation', title: '考核评价', perms: ['SECONDMENT_ADMIN', 'SECONDMENT_UNIT'] },
      { path: '/secondment/statistics', title: '挂职统计', perms: ['SECONDMENT_ADMIN', 'SECONDMENT_UNIT'] }
    ]
  },
  { path: '/me/profile', title: '我的档案', icon: 'Postcard', perms: ['SELF_SERVICE'], self: true },
  { path: '/secondment/my', title: '我的挂职', icon: 'Notebook', perms: ['SELF_SERVICE'], self: true },
  { path: '/me/surveys', title: '我的问卷', icon: 'EditPen', perms: ['SELF_SERVICE'], self: true },
  {
    title: '培训需求调研',
    icon: 'Document',
    children: [{ path: '/surveys/list', title: '调研问卷', perms: ['SURVEY_MANAGE', 'SURVEY_ENTER'] }]
  },
  {
    title: '学时管理',
    icon: 'Reading',
    children: [
      { path: '/archive/record', title: '学时登记', perms: ['HOURS_RECORD', 'HOURS_APPROVE'] },
      { path: '/archive/review', title: '学时审核', perms: ['HOURS_APPROVE'] },
      { path: '/archive/online-import', title: '网络学时导入', perms: ['ONLINE_IMPORT'] },
      { path: '/compliance/dashboard', title: '达标情况', perms: ['COMPLIANCE_VIEW'] },
      { path: '/compliance/rules', title: '学时规则', perms: ['RULES_MANAGE'] }
    ]
  },
  {
    title: '网络学院',
    icon: 'VideoPlay',
    children: [
      { path: '/learning/courses', title: '网络课程', perms: ['COURSE_MANAGE'] },
      { path: '/learning/assignments', title: '必修与专题', perms: ['COURSE_MANAGE', 'COMPLIANCE_VIEW'] },
      { path: '/learning/integrity', title: '学习诚信记录', perms: ['STUDY_INTEGRITY_VIEW'] },
      { path: '/exam/questions', title: '题库', perms: ['EXAM_MANAGE'] },
      { path: '/exam/list', title: '考试', perms: ['EXAM_MANAGE'] }
    ]
  },
  { path: '/me/learning', title: '网络学院（手机版）', icon: 'VideoPlay', perms: ['SELF_SERVICE'], self: true },
  { path: '/me/exams', title: '在线考试（手机版）', icon: 'EditPen', perms: ['SELF_SERVICE'], self: true },
  { path: '/my/archive', title: '我的学时', icon: 'Reading', perms: ['SELF_SERVICE'], self: true },
  { path: '/me/classes', title: '我的培训（手机版）', icon: 'Iphone', perms: ['SELF_SERVICE'], self: true },
  {
    title: '统计分析',
    icon: 'PieChart',
    children: [
      { path: '/statistics/cadre-profile', title: '干部队伍结构统计', perms: ['STATS_VIEW'] },
      { path: '/statistics/training', title: '干部教育培训统计', perms: ['STATS_VIEW'] }
    ]
  },
  {
    title: '系统管理',
    icon: 'Setting',
    children: [
      { path: '/system/users', title: '用户管理', perms: ['USER_MANAGE', 'ROLE_MANAGE'] },
      { path: '/system/roles', title: '角色管理', perms: ['ROLE_MANAGE'] },
      { path: '/system/audit', title: '审计日志', perms: ['AUDIT_VIEW'] }
    ]
  },
  {
    title: '个人中心',
    icon: 'User',
    children: [
      { path: '/me/messages', title: '消息中心' },
      { path: '/me/password', title: '修改密码' }
    ]
  }
]

/**
 * Whether the signed-in user may open a menu entry: a leaf by its permissions (self-service pages only for an
 * account bound to a cadre), a group when any of its children may be opened.
 */
export function allowed(m, me) {
  if (!me) return false
  if (m.children) return m.children.some((c) => allowed(c, me))
  if (m.self && me.cadreId == null) return false
  return !m.perms || m.perms.some((p) => (me.permissions || []).includes(p))
}

/** The menu's page at a path ({ path, title, roles }), or undefined. */
export function menuPage(path) {
  const find = (items) => {
    for (const m of items) {
      const hit = m.children ? find(m.children) : m.path === path ? m : undefined
      if (hit) return hit
    }
  }
  return find(menu)
}
