import http, { cleanParams, data } from './http'

// archive module: learning hours (entries, reports, approval, group study), online-hours import, training statistics.

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
  groupStudy: (body) => data(http.post('/api/archive/group-studies', body, { quiet: true })),
  /** 培训统计 */
  statistics: (query) => data(http.get('/api/statistics/training', { params: cleanParams(query) }))
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
