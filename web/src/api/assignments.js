import http, { cleanParams } from './http'

const data = (p) => p.then((r) => r.data)

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
  remind: (id, query) => data(http.post(`/api/learning/assignments/${id}/reminders`, null, { params: cleanParams(query) })),
  mine: () => data(http.get('/api/learning/my/assignments')),
  // the needs surveys' proposed topics (survey module), for a 专题 answering one
  surveyTopics: () => data(http.get('/api/surveys/proposals', { quiet: true }))
}
