import http, { data } from './http'

// classroom (today inside the training module on the server): check-in, roll call, leave, assessment,
// completion, certificates, teaching evaluation.

/** Part B: the classroom of a running class (registrar) and the trainee's own pages. */
export const classroom = {
  attendance: (id) => data(http.get(`/api/training/classes/${id}/attendance`)),
  settings: (id) => data(http.get(`/api/training/classes/${id}/checkin-settings`)),
  saveSettings: (id, body) => data(http.put(`/api/training/classes/${id}/checkin-settings`, body)),
  qr: (sessionId) => data(http.get(`/api/training/sessions/${sessionId}/qr`)),
  rollCall: (sessionId, marks) => data(http.post(`/api/training/sessions/${sessionId}/roll-call`, marks)),
  codeLocks: (sessionId) => data(http.get(`/api/training/sessions/${sessionId}/code-locks`)),
  liftCodeLock: (sessionId, cadreId) =>
    data(http.post(`/api/training/sessions/${sessionId}/code-locks/${cadreId}/lift`)),
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
  today: () => data(http.get('/api/training/me/today')),
  myClass: (id) => data(http.get(`/api/training/me/classes/${id}`)),
  checkIn: (body) => data(http.post('/api/training/me/checkin', body, { quiet: true })),
  myLeaves: (id) => data(http.get(`/api/training/me/classes/${id}/leaves`)),
  requestLeave: (id, body) => data(http.post(`/api/training/me/classes/${id}/leaves`, body)),
  reportBack: (leaveId) => data(http.post(`/api/training/me/leaves/${leaveId}/return`, {})),
  cancelLeave: (leaveId) => data(http.post(`/api/training/me/leaves/${leaveId}/cancel`)),
  evaluate: (id, body) => data(http.post(`/api/training/me/classes/${id}/evaluations`, body)),
  verify: (serial) => data(http.get(`/api/public/certificates/${encodeURIComponent(serial)}`, { quiet: true }))
}
