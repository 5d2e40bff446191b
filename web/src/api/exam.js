import http, { cleanParams, download } from './http'

const data = (p) => p.then((r) => r.data)

/** 题库与考试: the bank and exams (managers), taking exams (cadres). */
export const exam = {
  kinds: () => data(http.get('/api/exams/kinds')),
  questions: (query) => data(http.get('/api/exams/questions', { params: cleanParams(query) })),
  categories: () => data(http.get('/api/exams/questions/categories')),
  createQuestion: (body) => data(http.post('/api/exams/questions', body)),
  updateQuestion: (id, body) => data(http.put(`/api/exams/questions/${id}`, body)),
  retireQuestion: (id) => data(http.post(`/api/exams/questions/${id}/retire`)),
  importQuestions: (file) =>
    data(
      http.post('/api/exams/questions/import', file, {
        params: { name: file.name },
        headers: { 'Content-Type': 'application/octet-stream' },
        timeout: 0
      })
    ),

  list: () => data(http.get('/api/exams')),
  get: (id) => data(http.get(`/api/exams/${id}`)),
  create: (body) => data(http.post('/api/exams', body)),
  update: (id, body) => data(http.put(`/api/exams/${id}`, body)),
  publish: (id) => data(http.post(`/api/exams/${id}/publish`)),
  close: (id) => data(http.post(`/api/exams/${id}/close`)),
  results: (id, params) => data(http.get(`/api/exams/${id}/results`, { params })),
  units: (id) => data(http.get(`/api/exams/${id}/units`)),
  analysis: (id) => data(http.get(`/api/exams/${id}/analysis`)),
  ungraded: (id) => data(http.get(`/api/exams/${id}/grading`)),
  grade: (id, attemptId, questionId, score) =>
    http.put(`/api/exams/${id}/grading/${attemptId}/${questionId}`, { score }),
  exportResults: (id) => download(`/api/exams/${id}/results.xlsx`, {}, '考试成绩.xlsx'),
  exportAnalysis: (id) => download(`/api/exams/${id}/analysis.xlsx`, {}, '考试分析.xlsx'),

  mine: () => data(http.get('/api/exams/mine')),
  courseQuiz: (courseId) => data(http.get(`/api/exams/courses/${courseId}/quiz`, { quiet: true })),
  start: (id) => data(http.post(`/api/exams/${id}/attempts`)),
  paper: (attemptId) => data(http.get(`/api/exams/attempts/${attemptId}`)),
  answer: (attemptId, questionId, response) =>
    http.put(`/api/exams/attempts/${attemptId}/answers/${questionId}`, { response }, { quiet: true }),
  submit: (attemptId, answers) => data(http.post(`/api/exams/attempts/${attemptId}/submit`, { answers }))
}
