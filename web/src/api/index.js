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
  cadreProfile: (query) => data(http.get('/api/statistics/cadre-profile', { params: cleanParams(query) }))
}

export const users = {
  list: () => data(http.get('/api/users')),
  roles: () => data(http.get('/api/users/roles')),
  create: (body) => data(http.post('/api/users', body, { quiet: true })),
  update: (id, body) => data(http.put(`/api/users/${id}`, body, { quiet: true })),
  resetPassword: (id, password) => data(http.post(`/api/users/${id}/reset-password`, { password }, { quiet: true })),
  unlock: (id) => data(http.post(`/api/users/${id}/unlock`))
}

export const audit = {
  search: (query) => data(http.get('/api/audit', { params: cleanParams(query) }))
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

/** Part B: the classroom of a running class (registrar) and the trainee's own pages. */
export const classroom = {
  attendance: (id) => data(http.get(`/api/training/classes/${id}/attendance`)),
  settings: (id) => data(http.get(`/api/training/classes/${id}/checkin-settings`)),
  saveSettings: (id, body) => data(http.put(`/api/training/classes/${id}/checkin-settings`, body)),
  qr: (sessionId) => data(http.get(`/api/training/sessions/${sessionId}/qr`)),
  rollCall: (sessionId, marks) => data(http.post(`/api/training/sessions/${sessionId}/roll-call`, marks)),
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
