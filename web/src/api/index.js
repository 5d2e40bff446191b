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
  returns: (id) => data(http.get(`/api/surveys/${id}/returns`)),
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
