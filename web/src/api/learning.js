import http, { cleanParams } from './http'

const data = (p) => p.then((r) => r.data)

/** 网络学院: the catalogue and player (cadres), course management, the integrity report. */
export const learning = {
  categories: () => data(http.get('/api/learning/categories')),
  catalogue: (query) => data(http.get('/api/learning/catalogue', { params: cleanParams(query) })),
  course: (id) => data(http.get(`/api/learning/catalogue/${id}`)),
  mediumUrl: (id) => `/api/learning/courses/${id}/medium`,
  coverUrl: (id) => `/api/learning/courses/${id}/cover`,
  start: (id) => data(http.post(`/api/learning/catalogue/${id}/sessions`, null, { quiet: true })),
  heartbeat: (sessionId, body) => data(http.post(`/api/learning/sessions/${sessionId}/heartbeat`, body, { quiet: true })),
  answer: (sessionId, checkId, answer) => data(http.post(`/api/learning/sessions/${sessionId}/presence`, { checkId, answer })),
  end: (sessionId) => http.delete(`/api/learning/sessions/${sessionId}`, { quiet: true }),

  managed: () => data(http.get('/api/learning/courses')),
  get: (id) => data(http.get(`/api/learning/courses/${id}`)),
  create: (body) => data(http.post('/api/learning/courses', body)),
  update: (id, body) => data(http.put(`/api/learning/courses/${id}`, body)),
  upload: (id, file, onProgress) =>
    data(
      http.put(`/api/learning/courses/${id}/medium`, file, {
        params: { name: file.name },
        headers: { 'Content-Type': 'application/octet-stream' },
        timeout: 0,
        onUploadProgress: (e) => onProgress && e.total && onProgress(Math.round((e.loaded * 100) / e.total))
      })
    ),
  uploadCover: (id, file) =>
    data(http.put(`/api/learning/courses/${id}/cover`, file, { headers: { 'Content-Type': 'application/octet-stream' } })),
  publish: (id) => data(http.post(`/api/learning/courses/${id}/publish`)),
  withdraw: (id) => data(http.post(`/api/learning/courses/${id}/withdraw`)),
  integrity: (query) => data(http.get('/api/learning/integrity', { params: cleanParams(query) }))
}

/** 12:05 from seconds. */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds || 0))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const r = String(s % 60).padStart(2, '0')
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`
}
