import http, { cleanParams } from './http'

const data = (p) => p.then((r) => r.data)

export const auth = {
  csrf: () => data(http.get('/api/auth/csrf', { quiet: true })),
  login: (username, password) =>
    data(
      http.post('/api/auth/login', new URLSearchParams({ username, password }), {
        quiet: true,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
      })
    ),
  logout: () => http.post('/api/auth/logout', null, { quiet: true }),
  me: (opts = {}) => data(http.get('/api/auth/me', opts)),
  changePassword: (body) => data(http.post('/api/auth/password', body, { quiet: true }))
}

/** Both organisation trees: base = '/api/orgs' or '/api/party-orgs'. */
export function treeApi(base) {
  return {
    list: (includeRetired = false) => data(http.get(base, { params: { includeRetired } })),
    kinds: () => data(http.get(`${base}/kinds`)),
    get: (id) => data(http.get(`${base}/${id}`)),
    create: (body) => data(http.post(base, body, { quiet: true })),
    update: (id, body) => data(http.put(`${base}/${id}`, body, { quiet: true })),
    rename: (id, name) => data(http.post(`${base}/${id}/rename`, { name }, { quiet: true })),
    move: (id, parentId) => data(http.post(`${base}/${id}/move`, { parentId }, { quiet: true })),
    retire: (id, on) => data(http.post(`${base}/${id}/retire`, { on }, { quiet: true }))
  }
}
export const orgs = treeApi('/api/orgs')
export const partyOrgs = treeApi('/api/party-orgs')

export const cadres = {
  dictionaries: () => data(http.get('/api/cadres/dictionaries')),
  page: (query) => data(http.get('/api/cadres', { params: cleanParams(query) })),
  get: (id) => data(http.get(`/api/cadres/${id}`)),
  history: (id) => data(http.get(`/api/cadres/${id}/history`)),
  create: (form) => data(http.post('/api/cadres', form, { quiet: true })),
  update: (id, form) => data(http.put(`/api/cadres/${id}`, form, { quiet: true }))
}

export const imports = {
  start: (file, mode) => {
    const fd = new FormData()
    fd.append('file', file)
    fd.append('mode', mode)
    return data(http.post('/api/cadres/import', fd))
  },
  list: () => data(http.get('/api/cadres/import')),
  get: (id) => data(http.get(`/api/cadres/import/${id}`, { quiet: true })),
  retry: (id) => data(http.post(`/api/cadres/import/${id}/retry`))
}

export const statistics = {
  cadreProfile: (query) => data(http.get('/api/statistics/cadre-profile', { params: cleanParams(query) })),
  training: (query) => data(http.get('/api/statistics/training', { params: cleanParams(query) }))
}

export const users = {
  list: (query) => data(http.get('/api/users', { params: cleanParams(query) })),
  roles: () => data(http.get('/api/users/roles')),
  create: (body) => data(http.post('/api/users', body, { quiet: true })),
  update: (id, body) => data(http.put(`/api/users/${id}`, body, { quiet: true })),
  resetPassword: (id, password) => data(http.post(`/api/users/${id}/reset-password`, { password }, { quiet: true })),
  unlock: (id) => data(http.post(`/api/users/${id}/unlock`))
}

/** 角色管理 (the security administrator's): built-in and custom roles, the permission catalogue. */
export const roles = {
  list: () => data(http.get('/api/roles')),
  permissions: () => data(http.get('/api/roles/permissions')),
  create: (body) => data(http.post('/api/roles', body, { quiet: true })),
  update: (code, body) => data(http.put(`/api/roles/${code}`, body, { quiet: true })),
  remove: (code) => data(http.delete(`/api/roles/${code}`))
}

export const audit = {
  search: (query) => data(http.get('/api/audit', { params: cleanParams(query) })),
  /** {entityTypes, actions}: the filters' choices as {value, label}, named by the server. */
  facets: () => data(http.get('/api/audit/facets')),
  /** Walks the hash chain: {intact, entries, blocks, problem: {kind, entryId, at, message}}. */
  verify: () => data(http.post('/api/audit/verify'))
}

/** Training classes: plans, filing, instructors, call-up and enrollment (/api/training). */
export const training = {
  dictionaries: () => data(http.get('/api/training/dictionaries')),
  plans: (year) => data(http.get('/api/training/plans', { params: cleanParams({ year }) })),
  savePlan: (body) => data(http.post('/api/training/plans', body)),
  providers: () => data(http.get('/api/training/providers')),
  createProvider: (body) => data(http.post('/api/training/providers', body, { quiet: true })),
  instructors: (query) => data(http.get('/api/training/instructors', { params: cleanParams(query || {}) })),
  createInstructor: (body) => data(http.post('/api/training/instructors', body, { quiet: true })),
  updateInstructor: (id, body) => data(http.put(`/api/training/instructors/${id}`, body, { quiet: true })),
  classes: (query) => data(http.get('/api/training/classes', { params: cleanParams(query) })),
  detail: (id) => data(http.get(`/api/training/classes/${id}`)),
  createClass: (body) => data(http.post('/api/training/classes', body, { quiet: true })),
  updateClass: (id, body) => data(http.put(`/api/training/classes/${id}`, body, { quiet: true })),
  submit: (id) => data(http.post(`/api/training/classes/${id}/submit`)),
  clashes: (id) => data(http.get(`/api/training/classes/${id}/clashes`)),
  approve: (id, reason) => data(http.post(`/api/training/classes/${id}/approve`, { reason })),
  returnFiling: (id, reason) => data(http.post(`/api/training/classes/${id}/return`, { reason })),
  cancel: (id, reason) => data(http.post(`/api/training/classes/${id}/cancel`, { reason })),
  setQuotas: (id, quotas) => data(http.put(`/api/training/classes/${id}/quotas`, quotas)),
  named: (id, cadreIds) => data(http.post(`/api/training/classes/${id}/named`, { cadreIds })),
  candidates: (id, query) => data(http.get(`/api/training/classes/${id}/candidates`, { params: cleanParams(query) })),
  nominate: (id, cadreId) => data(http.post(`/api/training/classes/${id}/enrollments`, { cadreId })),
  enrollments: (id) => data(http.get(`/api/training/classes/${id}/enrollments`)),
  skips: (id) => data(http.get(`/api/training/classes/${id}/waitlist-skips`)),
  withdraw: (enrollmentId, reason) => data(http.post(`/api/training/enrollments/${enrollmentId}/withdraw`, { reason }))
}

/** Party-member education (党员教育). */
const PE = '/api/partyedu'
export const partyedu = {
  dictionaries: () => data(http.get(`${PE}/dictionaries`)),
  members: (query) => data(http.get(`${PE}/members`, { params: cleanParams(query) })),
  member: (id) => data(http.get(`${PE}/members/${id}`)),
  groups: () => data(http.get(`${PE}/members/groups`)),
  createMember: (form) => data(http.post(`${PE}/members`, form, { quiet: true })),
  updateMember: (id, form) => data(http.put(`${PE}/members/${id}`, form, { quiet: true })),
  contacts: (id) => data(http.get(`${PE}/members/${id}/contacts`)),
  addContact: (id, body) => data(http.post(`${PE}/members/${id}/contacts`, body, { quiet: true })),
  mobileAlerts: (query) => data(http.get(`${PE}/mobile-alerts`, { params: cleanParams(query) })),
  notifySecretaries: () => data(http.post(`${PE}/mobile-alerts/notify`)),
  activities: (query) => data(http.get(`${PE}/activities`, { params: cleanParams(query) })),
  activity: (id) => data(http.get(`${PE}/activities/${id}`)),
  createActivity: (body) => data(http.post(`${PE}/activities`, body, { quiet: true })),
  updateActivity: (id, body) => data(http.put(`${PE}/activities/${id}`, body, { quiet: true })),
  materials: (id) => data(http.get(`${PE}/activities/${id}/materials`)),
  uploadMaterial: (id, file) => {
    const fd = new FormData()
    fd.append('file', file)
    return data(http.post(`${PE}/activities/${id}/materials`, fd))
  },
  deleteMaterial: (id, mid) => data(http.delete(`${PE}/activities/${id}/materials/${mid}`)),
  attendance: (id) => data(http.get(`${PE}/activities/${id}/attendance`)),
  attend: (id, body) => data(http.post(`${PE}/activities/${id}/attendance`, body)),
  invite: (id, body) => data(http.post(`${PE}/activities/${id}/invitations`, body)),
  hours: (query) => data(http.get(`${PE}/hours`, { params: cleanParams(query) })),
  statistics: (query) => data(http.get(`${PE}/statistics`, { params: cleanParams(query) })),
  templates: () => data(http.get(`${PE}/messages/templates`)),
  saveTemplate: (id, body) =>
    data(id ? http.put(`${PE}/messages/templates/${id}`, body, { quiet: true }) : http.post(`${PE}/messages/templates`, body, { quiet: true })),
  deleteTemplate: (id) => data(http.delete(`${PE}/messages/templates/${id}`)),
  preview: (body) => data(http.post(`${PE}/messages/preview`, body)),
  send: (body) => data(http.post(`${PE}/messages/broadcasts`, body)),
  broadcasts: () => data(http.get(`${PE}/messages/broadcasts`)),
  recipients: (id) => data(http.get(`${PE}/messages/broadcasts/${id}/recipients`)),
  sites: (query) => data(http.get(`${PE}/sites`, { params: cleanParams(query) })),
  siteRules: () => data(http.get(`${PE}/sites/rules`)),
  saveSite: (id, body) => data(id ? http.put(`${PE}/sites/${id}`, body, { quiet: true }) : http.post(`${PE}/sites`, body, { quiet: true })),
  equipment: (id) => data(http.get(`${PE}/sites/${id}/equipment`)),
  saveEquipment: (id, eid, body) =>
    data(eid ? http.put(`${PE}/sites/${id}/equipment/${eid}`, body, { quiet: true }) : http.post(`${PE}/sites/${id}/equipment`, body, { quiet: true })),
  sessions: (id, year) => data(http.get(`${PE}/sites/${id}/sessions`, { params: cleanParams({ year }) })),
  addSession: (id, body) => data(http.post(`${PE}/sites/${id}/sessions`, body, { quiet: true })),
  siteAlerts: (query) => data(http.get(`${PE}/site-alerts`, { params: cleanParams(query) })),
  resolveAlert: (id, resolution) => data(http.post(`${PE}/site-alerts/${id}/resolve`, { resolution }, { quiet: true })),
  evaluateAlerts: () => data(http.post(`${PE}/site-alerts/evaluate`)),
  lecturers: () => data(http.get(`${PE}/classroom/lecturers`)),
  saveLecturer: (id, body) =>
    data(id ? http.put(`${PE}/classroom/lecturers/${id}`, body, { quiet: true }) : http.post(`${PE}/classroom/lecturers`, body, { quiet: true })),
  visits: (query) => data(http.get(`${PE}/classroom/visits`, { params: cleanParams(query) })),
  saveVisit: (id, body) =>
    data(id ? http.put(`${PE}/classroom/visits/${id}`, body, { quiet: true }) : http.post(`${PE}/classroom/visits`, body, { quiet: true })),
  coverage: (year) => data(http.get(`${PE}/classroom/coverage`, { params: { year } })),
  invitation: (token) => data(http.get(`/api/public/partyedu/study/${token}`, { quiet: true })),
  attendOnline: (token) => data(http.post(`/api/public/partyedu/study/${token}/attend`, null, { quiet: true }))
}

export const surveys = {
  list: () => data(http.get('/api/surveys')),
  get: (id) => data(http.get(`/api/surveys/${id}`)),
  create: (body) => data(http.post('/api/surveys', body)),
  update: (id, body) => data(http.put(`/api/surveys/${id}`, body)),
  targets: (id, list) => data(http.put(`/api/surveys/${id}/targets`, list)),
  open: (id) => data(http.post(`/api/surveys/${id}/open`)),
  close: (id) => data(http.post(`/api/surveys/${id}/close`)),
  bank: () => data(http.get('/api/surveys/question-bank')),
  progress: (id) => data(http.get(`/api/surveys/${id}/progress`)),
  remind: (id) => data(http.post(`/api/surveys/${id}/remind`)),
  link: (id, target) => data(http.get(`/api/surveys/${id}/link`, { params: cleanParams({ target }) })),
  returns: (id, query) => data(http.get(`/api/surveys/${id}/returns`, { params: cleanParams(query) })),
  paper: (id, body) => data(http.post(`/api/surveys/${id}/returns/paper`, body, { quiet: true })),
  importFile: (id, file, targetId) => {
    const fd = new FormData()
    fd.append('file', file)
    return data(http.post(`/api/surveys/${id}/returns/import`, fd, { params: cleanParams({ targetId }) }))
  },
  analysis: (id) => data(http.get(`/api/surveys/${id}/analysis`)),
  forums: (id) => data(http.get(`/api/surveys/${id}/forums`)),
  createForum: (id, body) => data(http.post(`/api/surveys/${id}/forums`, body)),
  deleteForum: (id, forumId) => http.delete(`/api/surveys/${id}/forums/${forumId}`),
  proposals: (id) => data(http.get(`/api/surveys/${id}/proposals`)),
  drawProposals: (id, body) => data(http.post(`/api/surveys/${id}/proposals`, body || {})),
  mine: () => data(http.get('/api/surveys/mine')),
  publicGet: (token) => data(http.get(`/api/public/surveys/${token}`, { quiet: true })),
  publicSubmit: (token, g, answers) => data(http.post(`/api/public/surveys/${token}/returns`, answers, { params: cleanParams({ g }), quiet: true })),
  answerMine: (token, answers) => data(http.post(`/api/surveys/answer/${token}`, answers, { quiet: true }))
}

/** 学时 (learning archive): entries, reports with evidence, approval, group study. */
export const archive = {
  dictionaries: () => data(http.get('/api/archive/dictionaries')),
  entries: (cadreId) => data(http.get(`/api/archive/cadres/${cadreId}/entries`)),
  record: (body) => data(http.post('/api/archive/entries', body, { quiet: true })),
  report: (entry, file) => {
    const fd = new FormData()
    fd.append('entry', new Blob([JSON.stringify(entry)], { type: 'application/json' }))
    fd.append('file', file)
    return data(http.post('/api/archive/reports', fd, { quiet: true }))
  },
  pending: (query) => data(http.get('/api/archive/pending', { params: cleanParams(query) })),
  approve: (id) => data(http.post(`/api/archive/entries/${id}/approve`)),
  reject: (id, reason) => data(http.post(`/api/archive/entries/${id}/reject`, { reason }, { quiet: true })),
  attachment: (id) => http.get(`/api/archive/entries/${id}/attachment`, { responseType: 'blob' }),
  groupStudy: (body) => data(http.post('/api/archive/group-studies', body, { quiet: true }))
}

/** 网络学时导入 */
export const onlineImports = {
  fields: () => data(http.get('/api/archive/online-imports/fields')),
  upload: (file) => {
    const fd = new FormData()
    fd.append('file', file)
    return data(http.post('/api/archive/online-imports', fd))
  },
  list: () => data(http.get('/api/archive/online-imports')),
  get: (id) => data(http.get(`/api/archive/online-imports/${id}`, { quiet: true })),
  start: (id, body) => data(http.post(`/api/archive/online-imports/${id}/start`, body, { quiet: true })),
  retry: (id) => data(http.post(`/api/archive/online-imports/${id}/retry`))
}

/** 达标情况, rules, appraisal and promotion checks. */
export const compliance = {
  dictionaries: () => data(http.get('/api/compliance/dictionaries')),
  standing: (cadreId, asOf) => data(http.get(`/api/compliance/cadres/${cadreId}/standing`, { params: cleanParams({ asOf }) })),
  appraisal: (cadreId, year) => data(http.get(`/api/compliance/cadres/${cadreId}/appraisal`, { params: { year } })),
  promotionCheck: (cadreId, body) => data(http.post(`/api/compliance/cadres/${cadreId}/promotion-check`, body)),
  dashboard: (query) => data(http.get('/api/compliance/dashboard', { params: cleanParams(query) })),
  remind: (orgId) => data(http.post('/api/compliance/reminders', null, { params: cleanParams({ orgId }) })),
  recompute: () => data(http.post('/api/compliance/recompute')),
  ruleSets: () => data(http.get('/api/compliance/rule-sets')),
  governing: (orgId, on) => data(http.get('/api/compliance/rule-sets/governing', { params: cleanParams({ orgId, on }) })),
  saveRuleSet: (body) => data(http.post('/api/compliance/rule-sets', body, { quiet: true }))
}

/** Part B: the classroom of a running class (registrar) and the trainee's own pages. */
export const classroom = {
  attendance: (id) => data(http.get(`/api/training/classes/${id}/attendance`)),
  settings: (id) => data(http.get(`/api/training/classes/${id}/checkin-settings`)),
  saveSettings: (id, body) => data(http.put(`/api/training/classes/${id}/checkin-settings`, body)),
  qr: (sessionId) => data(http.get(`/api/training/sessions/${sessionId}/qr`)),
  rollCall: (sessionId, marks) => data(http.post(`/api/training/sessions/${sessionId}/roll-call`, marks)),
  codeLocks: (sessionId) => data(http.get(`/api/training/sessions/${sessionId}/code-locks`)),
  liftCodeLock: (sessionId, cadreId) => data(http.post(`/api/training/sessions/${sessionId}/code-locks/${cadreId}/lift`)),
  leaves: (id) => data(http.get(`/api/training/classes/${id}/leaves`)),
  approveLeave: (leaveId, note) => data(http.post(`/api/training/leaves/${leaveId}/approve`, { note })),
  refuseLeave: (leaveId, note) => data(http.post(`/api/training/leaves/${leaveId}/refuse`, { note })),
  rules: (id) => data(http.get(`/api/training/classes/${id}/completion-rules`)),
  setRule: (id, body) => data(http.put(`/api/training/classes/${id}/completion-rules`, body)),
  components: (id) => data(http.get(`/api/training/classes/${id}/assessment`)),
  setComponents: (id, forms) => data(http.put(`/api/training/classes/${id}/assessment`, forms)),
  scores: (id, forms) => data(http.post(`/api/training/classes/${id}/scores`, forms)),
  results: (id) => data(http.get(`/api/training/classes/${id}/results`)),
  complete: (id) => data(http.post(`/api/training/classes/${id}/complete`)),
  certificates: (id) => data(http.get(`/api/training/classes/${id}/certificates`)),
  revoke: (certId, note) => data(http.post(`/api/training/certificates/${certId}/revoke`, { note })),
  evaluations: (id) => data(http.get(`/api/training/classes/${id}/evaluations`)),
  instructorEvaluations: (id) => data(http.get(`/api/training/instructors/${id}/evaluations`)),
  myClasses: () => data(http.get('/api/training/me/classes')),
  myClass: (id) => data(http.get(`/api/training/me/classes/${id}`)),
  checkIn: (body) => data(http.post('/api/training/me/checkin', body, { quiet: true })),
  myLeaves: (id) => data(http.get(`/api/training/me/classes/${id}/leaves`)),
  requestLeave: (id, body) => data(http.post(`/api/training/me/classes/${id}/leaves`, body)),
  reportBack: (leaveId) => data(http.post(`/api/training/me/leaves/${leaveId}/return`, {})),
  cancelLeave: (leaveId) => data(http.post(`/api/training/me/leaves/${leaveId}/cancel`)),
  evaluate: (id, body) => data(http.post(`/api/training/me/classes/${id}/evaluations`, body)),
  verify: (serial) => data(http.get(`/api/public/certificates/${encodeURIComponent(serial)}`, { quiet: true }))
}

/** The workbench (工作台): what waits for the signed-in user, the key figures and the coming classes. */
export const desk = {
  get: () => data(http.get('/api/desk'))
}

/** The message centre: the signed-in user's in-app messages. */
export const notifications = {
  list: (query) => data(http.get('/api/notifications', { params: cleanParams(query) })),
  unread: () => data(http.get('/api/notifications/unread', { quiet: true })),
  read: (id) => data(http.post(`/api/notifications/${id}/read`)),
  readAll: () => data(http.post('/api/notifications/read-all'))
}

classroom.today = () => data(http.get('/api/training/me/today'))
training.messages = (id) => data(http.get(`/api/training/classes/${id}/messages`))
