import { ADMINS, ROSTER_EDITORS } from '@/session'

const ORG_VIEWERS = [...ADMINS, 'UNIT_LIAISON', 'BRANCH_SECRETARY']
const ROSTER_VIEWERS = [...ADMINS, 'UNIT_LIAISON', 'BRANCH_SECRETARY', 'PROVIDER_REGISTRAR']
const PARTY_EDU = [...ADMINS, 'UNIT_LIAISON', 'BRANCH_SECRETARY']
const STAT_VIEWERS = [...ADMINS, 'UNIT_LIAISON', 'BRANCH_SECRETARY']
const TRAINING_STAFF = [...ADMINS, 'PROVIDER_REGISTRAR', 'UNIT_LIAISON']
const SECONDMENT = [...ADMINS, 'UNIT_LIAISON']
const HOURS_RECORDERS = [...ADMINS, 'UNIT_LIAISON', 'BRANCH_SECRETARY']
const HOURS_VIEWERS = [...ADMINS, 'UNIT_LIAISON', 'BRANCH_SECRETARY']

/**
 * Routes and the menu come from the same table: `meta.roles` decides both who sees the menu entry
 * and who may open the page (the server checks again; this only keeps the UI tidy).
 */
export const menu = [
  { path: '/home', title: '首页', icon: 'HomeFilled' },
  {
    title: '组织机构',
    icon: 'OfficeBuilding',
    roles: ORG_VIEWERS,
    children: [
      { path: '/org/units', title: '单位管理', roles: ORG_VIEWERS },
      { path: '/org/party', title: '党组织管理', roles: ORG_VIEWERS }
    ]
  },
  {
    title: '干部管理',
    icon: 'UserFilled',
    roles: ROSTER_VIEWERS,
    children: [
      { path: '/cadres/roster', title: '干部花名册', roles: ROSTER_VIEWERS },
      { path: '/cadres/import', title: '花名册导入', roles: ROSTER_EDITORS }
    ]
  },
  {
    title: '培训班管理',
    icon: 'Reading',
    roles: TRAINING_STAFF,
    children: [
      { path: '/training/plans', title: '年度计划', roles: TRAINING_STAFF },
      { path: '/training/classes', title: '班次备案', roles: TRAINING_STAFF },
      { path: '/training/approvals', title: '备案审批', roles: ADMINS },
      { path: '/training/instructors', title: '师资库', roles: TRAINING_STAFF },
      { path: '/training/callup', title: '调训管理', roles: ADMINS },
      { path: '/training/enroll', title: '学员报名', roles: [...ADMINS, 'UNIT_LIAISON'] },
      { path: '/training/classroom', title: '教务管理', roles: [...ADMINS, 'PROVIDER_REGISTRAR'] }
    ]
  },
  {
    title: '党员教育',
    icon: 'Flag',
    roles: PARTY_EDU,
    children: [
      { path: '/partyedu/members', title: '党员管理', roles: PARTY_EDU },
      { path: '/partyedu/alerts', title: '流动党员预警', roles: PARTY_EDU },
      { path: '/partyedu/activities', title: '学习活动', roles: PARTY_EDU },
      { path: '/partyedu/hours', title: '党员学时', roles: PARTY_EDU },
      { path: '/partyedu/messages', title: '短信群发', roles: PARTY_EDU },
      { path: '/partyedu/sites', title: '远程教育站点', roles: PARTY_EDU },
      { path: '/partyedu/classroom', title: '流动课堂', roles: PARTY_EDU },
      { path: '/partyedu/statistics', title: '党员教育统计', roles: PARTY_EDU }
    ]
  },
  {
    title: '挂职锻炼',
    icon: 'Guide',
    roles: SECONDMENT,
    children: [
      { path: '/secondment/programmes', title: '挂职批次与岗位', roles: SECONDMENT },
      { path: '/secondment/selection', title: '人选选拔与选派', roles: SECONDMENT },
      { path: '/secondment/refusals', title: '派出单位不放行', roles: SECONDMENT },
      { path: '/secondment/postings', title: '挂职人员管理', roles: SECONDMENT },
      { path: '/secondment/alerts', title: '预警提醒', roles: SECONDMENT },
      { path: '/secondment/evaluation', title: '考核评价', roles: SECONDMENT },
      { path: '/secondment/statistics', title: '挂职统计', roles: SECONDMENT }
    ]
  },
  { path: '/me/profile', title: '我的档案', icon: 'Postcard', roles: ['CADRE'] },
  { path: '/secondment/my', title: '我的挂职', icon: 'Notebook', roles: ['CADRE'] },
  { path: '/me/surveys', title: '我的问卷', icon: 'EditPen', roles: ['CADRE'] },
  {
    title: '培训需求调研',
    icon: 'Document',
    roles: ROSTER_EDITORS,
    children: [{ path: '/surveys/list', title: '调研问卷', roles: ROSTER_EDITORS }]
  },
  {
    title: '学时管理',
    icon: 'Reading',
    roles: HOURS_VIEWERS,
    children: [
      { path: '/archive/record', title: '学时登记', roles: HOURS_RECORDERS },
      { path: '/archive/review', title: '学时审核', roles: ADMINS },
      { path: '/archive/online-import', title: '网络学时导入', roles: ADMINS },
      { path: '/compliance/dashboard', title: '达标情况', roles: HOURS_VIEWERS },
      { path: '/compliance/rules', title: '学时规则', roles: ADMINS }
    ]
  },
  { path: '/my/archive', title: '我的学时', icon: 'Reading', roles: ['CADRE'] },
  { path: '/me/classes', title: '我的培训（手机版）', icon: 'Iphone', roles: ['CADRE'] },
  {
    title: '统计分析',
    icon: 'PieChart',
    roles: STAT_VIEWERS,
    children: [
      { path: '/statistics/cadre-profile', title: '干部队伍结构统计', roles: STAT_VIEWERS },
      { path: '/statistics/training', title: '干部教育培训统计', roles: STAT_VIEWERS }
    ]
  },
  {
    title: '系统管理',
    icon: 'Setting',
    roles: ADMINS,
    children: [
      { path: '/system/users', title: '用户管理', roles: ADMINS },
      { path: '/system/audit', title: '审计日志', roles: ADMINS }
    ]
  },
  {
    title: '个人中心',
    icon: 'User',
    children: [{ path: '/me/password', title: '修改密码' }]
  }
]

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
