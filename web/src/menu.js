import { ADMINS, ROSTER_EDITORS } from '@/session'

const ORG_VIEWERS = [...ADMINS, 'UNIT_LIAISON', 'BRANCH_SECRETARY']
const ROSTER_VIEWERS = [...ADMINS, 'UNIT_LIAISON', 'BRANCH_SECRETARY', 'PROVIDER_REGISTRAR']
const STAT_VIEWERS = [...ADMINS, 'UNIT_LIAISON', 'BRANCH_SECRETARY']
const TRAINING_STAFF = [...ADMINS, 'PROVIDER_REGISTRAR', 'UNIT_LIAISON']

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
  { path: '/me/profile', title: '我的档案', icon: 'Postcard', roles: ['CADRE'] },
  { path: '/me/classes', title: '我的培训（手机版）', icon: 'Iphone', roles: ['CADRE'] },
  {
    title: '统计分析',
    icon: 'PieChart',
    roles: STAT_VIEWERS,
    children: [{ path: '/statistics/cadre-profile', title: '干部队伍结构统计', roles: STAT_VIEWERS }]
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
