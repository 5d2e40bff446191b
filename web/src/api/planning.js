import http, { cleanParams } from './http'

const data = (p) => p.then((r) => r.data)
const B = '/api/planning'

/** 培训规划 (five-year plans, indicators) and 培训日历 (calendar, scheduler) API. Writes are `quiet`: pages show the server's message. */
export const planning = {
  plans: () => data(http.get(`${B}/plans`)),
  plan: (id) => data(http.get(`${B}/plans/${id}`)),
  createPlan: (body) => data(http.post(`${B}/plans`, body, { quiet: true })),
  updatePlan: (id, body) => data(http.put(`${B}/plans/${id}`, body, { quiet: true })),
  deletePlan: (id) => http.delete(`${B}/plans/${id}`),
  dashboard: (id, q) => data(http.get(`${B}/plans/${id}/dashboard`, { params: cleanParams(q) })),
  people: (id, indicatorId, q) =>
    data(http.get(`${B}/plans/${id}/indicators/${indicatorId}/people`, { params: cleanParams(q) })),
  needs: (year) => data(http.get(`${B}/needs`, { params: { year } })),
  draftFromNeed: (id) => data(http.post(`${B}/needs/${id}/draft`, null, { quiet: true })),
  calendar: (q) => data(http.get(`${B}/calendar`, { params: cleanParams(q) })),
  feed: () => data(http.get(`${B}/calendar/feed`)),
  renewFeed: () => data(http.post(`${B}/calendar/feed`, null, { quiet: true })),
  revokeFeed: () => http.delete(`${B}/calendar/feed`),
  seasons: () => data(http.get(`${B}/schedule/seasons`)),
  schedule: (body) => data(http.post(`${B}/schedule`, body, { quiet: true })),
  acceptSchedule: (body) => data(http.post(`${B}/schedule/accept`, body, { quiet: true })),
  scheduleSettings: (orgId) => data(http.get(`${B}/schedule/settings`, { params: { orgId } })),
  saveScheduleSettings: (orgId, body) => data(http.put(`${B}/schedule/settings/${orgId}`, body, { quiet: true })),
  // 培训经费
  expenses: (classId) => data(http.get(`${B}/classes/${classId}/expenses`)),
  addExpense: (classId, body) => data(http.post(`${B}/classes/${classId}/expenses`, body, { quiet: true })),
  deleteExpense: (classId, id) => http.delete(`${B}/classes/${classId}/expenses/${id}`, { quiet: true }),
  feeProfile: (classId, body) => data(http.put(`${B}/classes/${classId}/fee-profile`, body, { quiet: true })),
  feeStandard: (orgId) => data(http.get(`${B}/fee-standard`, { params: { orgId } })),
  saveFeeStandard: (orgId, body) => data(http.put(`${B}/fee-standard/${orgId}`, body, { quiet: true })),
  funds: (id) => data(http.get(`${B}/plans/${id}/funds`)),
  saveFund: (id, year, body) => data(http.put(`${B}/plans/${id}/funds/${year}`, body, { quiet: true })),
  budget: (id, year) => data(http.get(`${B}/plans/${id}/budget`, { params: cleanParams({ year }) })),
  // 评估报告
  report: (id, q) => data(http.get(`${B}/plans/${id}/report`, { params: cleanParams(q) })),
  reportTexts: (id, year) => data(http.get(`${B}/plans/${id}/report/texts`, { params: { year } })),
  saveReportTexts: (id, year, body) =>
    data(http.put(`${B}/plans/${id}/report/texts`, body, { params: { year }, quiet: true }))
}
