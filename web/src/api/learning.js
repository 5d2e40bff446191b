import axios from 'axios'
import http, { cleanParams } from './http'

// The study path: heartbeats, presence answers and the end of a session carry the study token the start handed out
// (X-Study-Token), not the session's CSRF token, and reach a path that does not read the HTTP session (cheap, see
// docs/online-learning.md). Its own client: a 401 here means the token expired, and the player starts again rather
// than sending the learner to the login page.
const studyHttp = axios.create({ baseURL: '', timeout: 30000 })
const studyCall = (method, sessionId, path, token, body) =>
  studyHttp.request({
    method,
    url: `/api/learning/study/${sessionId}${path}`,
    data: body,
    headers: { 'X-Study-Token': token }
  })

const data = (p) => p.then((r) => r.data)

/** 网络学院: the catalogue and player (cadres), course management, the integrity report. */
export const learning = {
  categories: () => data(http.get('/api/learning/categories')),
  catalogue: (query) => data(http.get('/api/learning/catalogue', { params: cleanParams(query) })),
  course: (id) => data(http.get(`/api/learning/catalogue/${id}`)),
  mediumUrl: (id) => `/api/learning/courses/${id}/medium`,
  coverUrl: (id) => `/api/learning/courses/${id}/cover`,
  start: (id) => data(http.post(`/api/learning/catalogue/${id}/sessions`, null, { quiet: true })),
  heartbeat: (sessionId, token, body) => data(studyCall('post', sessionId, '/heartbeat', token, body)),
  answer: (sessionId, token, checkId, answer) =>
    data(studyCall('post', sessionId, '/presence', token, { checkId, answer })),
  end: (sessionId, token) => studyCall('delete', sessionId, '', token),
  // a package's SCOs and the learner's state of each (suspend data, location, status), kept for resuming
  scormState: (id) => data(http.get(`/api/learning/catalogue/${id}/scorm`)),
  saveScormState: (id, body) => data(http.put(`/api/learning/catalogue/${id}/scorm`, body, { quiet: true })),

  managed: () => data(http.get('/api/learning/courses')),
  get: (id) => data(http.get(`/api/learning/courses/${id}`)),
  create: (body) => data(http.post('/api/learning/courses', body)),
  update: (id, body) => data(http.put(`/api/learning/courses/${id}`, body)),
  upload: (id, file, onProgress, minutes) =>
    data(
      http.put(`/api/learning/courses/${id}/medium`, file, {
        params: cleanParams({ name: file.name, minutes }),
        headers: { 'Content-Type': 'application/octet-stream' },
        timeout: 0,
        onUploadProgress: (e) => onProgress && e.total && onProgress(Math.round((e.loaded * 100) / e.total))
      })
    ),
  uploadCover: (id, file) =>
    data(
      http.put(`/api/learning/courses/${id}/cover`, file, { headers: { 'Content-Type': 'application/octet-stream' } })
    ),
  publish: (id) => data(http.post(`/api/learning/courses/${id}/publish`)),
  withdraw: (id) => data(http.post(`/api/learning/courses/${id}/withdraw`)),
  integrity: (query) => data(http.get('/api/learning/integrity', { params: cleanParams(query) }))
}

/** 网络学院 assignments (必修, 专题): management, progress per unit and person, reminders; a cadre's own list. */
export const assignments = {
  options: () => data(http.get('/api/learning/assignment-options')),
  list: () => data(http.get('/api/learning/assignments')),
  get: (id) => data(http.get(`/api/learning/assignments/${id}`)),
  create: (body) => data(http.post('/api/learning/assignments', body)),
  update: (id, body) => data(http.put(`/api/learning/assignments/${id}`, body)),
  cancel: (id) => data(http.post(`/api/learning/assignments/${id}/cancel`)),
  progress: (id, query) => data(http.get(`/api/learning/assignments/${id}/progress`, { params: cleanParams(query) })),
  people: (id, query) => data(http.get(`/api/learning/assignments/${id}/people`, { params: cleanParams(query) })),
  remind: (id, query) =>
    data(http.post(`/api/learning/assignments/${id}/reminders`, null, { params: cleanParams(query) })),
  mine: () => data(http.get('/api/learning/my/assignments')),
  // the needs surveys' proposed topics (survey module), for a 专题 answering one
  surveyTopics: () => data(http.get('/api/surveys/proposals', { quiet: true }))
}

/** 12:05 from seconds. */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds || 0))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const r = String(s % 60).padStart(2, '0')
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`
}
