import http, { cleanParams, data } from './http'

// training module: plans, filing, instructors, call-up and enrollment.

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
  withdraw: (enrollmentId, reason) => data(http.post(`/api/training/enrollments/${enrollmentId}/withdraw`, { reason })),
  messages: (id) => data(http.get(`/api/training/classes/${id}/messages`))
}
