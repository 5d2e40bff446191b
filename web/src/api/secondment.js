import http, { cleanParams } from './http'

const data = (p) => p.then((r) => r.data)
const B = '/api/secondment'

/** 挂职锻炼 (secondment) API. Writes are `quiet`: pages show the server's message next to the form. */
export const secondment = {
  dictionaries: () => data(http.get(`${B}/dictionaries`)),
  programmes: (q) => data(http.get(`${B}/programmes`, { params: cleanParams(q) })),
  programme: (id) => data(http.get(`${B}/programmes/${id}`)),
  createProgramme: (body) => data(http.post(`${B}/programmes`, body, { quiet: true })),
  updateProgramme: (id, body) => data(http.put(`${B}/programmes/${id}`, body, { quiet: true })),
  addPost: (id, body) => data(http.post(`${B}/programmes/${id}/posts`, body, { quiet: true })),
  updatePost: (id, body) => data(http.put(`${B}/posts/${id}`, body, { quiet: true })),
  deletePost: (id) => http.delete(`${B}/posts/${id}`),
  budget: (id) => data(http.get(`${B}/programmes/${id}/budget`)),
  forums: (id) => data(http.get(`${B}/programmes/${id}/forums`)),
  addForum: (id, body) => data(http.post(`${B}/programmes/${id}/forums`, body, { quiet: true })),
  eligible: (id, q) => data(http.get(`${B}/programmes/${id}/eligible`, { params: cleanParams(q) })),
  candidates: (id) => data(http.get(`${B}/programmes/${id}/candidates`)),
  register: (id, body) => data(http.post(`${B}/programmes/${id}/candidates`, body, { quiet: true })),
  score: (id, body) => data(http.put(`${B}/candidates/${id}/scores`, body, { quiet: true })),
  approve: (id, body) => data(http.post(`${B}/candidates/${id}/approve`, body, { quiet: true })),
  reject: (id, body) => data(http.post(`${B}/candidates/${id}/reject`, body, { quiet: true })),
  refuse: (id, body) => data(http.post(`${B}/candidates/${id}/refuse`, body, { quiet: true })),
  refusals: (q) => data(http.get(`${B}/refusals`, { params: cleanParams(q) })),
  postings: (q) => data(http.get(`${B}/postings`, { params: cleanParams(q) })),
  posting: (id) => data(http.get(`${B}/postings/${id}`)),
  logs: (id, q) => data(http.get(`${B}/postings/${id}/logs`, { params: cleanParams(q) })),
  writeLog: (id, body) => data(http.post(`${B}/postings/${id}/logs`, body, { quiet: true })),
  comment: (logId, body) => data(http.post(`${B}/logs/${logId}/comment`, body, { quiet: true })),
  rotate: (id, body) => data(http.post(`${B}/postings/${id}/rotations`, body, { quiet: true })),
  review: (id, body) => data(http.post(`${B}/postings/${id}/reviews`, body, { quiet: true })),
  addExpense: (id, body) => data(http.post(`${B}/postings/${id}/expenses`, body, { quiet: true })),
  evaluations: (postingId) => data(http.get(`${B}/postings/${postingId}/evaluations`)),
  evaluate: (postingId, body) => data(http.post(`${B}/postings/${postingId}/evaluations`, body, { quiet: true })),
  ranking: (id, kind) => data(http.get(`${B}/programmes/${id}/evaluations`, { params: cleanParams({ kind }) })),
  alerts: (q) => data(http.get(`${B}/alerts`, { params: cleanParams(q) })),
  statistics: (q) => data(http.get(`${B}/statistics`, { params: cleanParams(q) })),
  cadreResults: (cadreId) => data(http.get(`${B}/cadres/${cadreId}/results`, { quiet: true }))
}
