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
  pending: () => data(http.get('/api/archive/pending')),
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
