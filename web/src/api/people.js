import http, { cleanParams, data } from './http'

// people module: the cadre roster, its import and its statistics.

export const cadres = {
  dictionaries: () => data(http.get('/api/cadres/dictionaries')),
  page: (query) => data(http.get('/api/cadres', { params: cleanParams(query) })),
  get: (id) => data(http.get(`/api/cadres/${id}`)),
  history: (id) => data(http.get(`/api/cadres/${id}/history`)),
  create: (form) => data(http.post('/api/cadres', form, { quiet: true })),
  update: (id, form) => data(http.put(`/api/cadres/${id}`, form, { quiet: true })),
  /** 干部队伍结构分析 */
  statistics: (query) => data(http.get('/api/statistics/cadre-profile', { params: cleanParams(query) }))
}

/** 花名册导入 (jobs: upload, progress, errors, retry). */
export const cadreImports = {
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
