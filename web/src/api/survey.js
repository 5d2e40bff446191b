import http, { cleanParams, data } from './http'

// survey module: needs surveys, returns, analysis, forums.

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
  returns: (id, query) => data(http.get(`/api/surveys/${id}/returns`, { params: cleanParams(query) })),
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
  publicSubmit: (token, g, answers) =>
    data(http.post(`/api/public/surveys/${token}/returns`, answers, { params: cleanParams({ g }), quiet: true })),
  answerMine: (token, answers) => data(http.post(`/api/surveys/answer/${token}`, answers, { quiet: true }))
}
