import http, { cleanParams, data } from './http'

// compliance module: standings, rule sets, appraisal and promotion checks.

/** 达标情况, rules, appraisal and promotion checks. */
export const compliance = {
  dictionaries: () => data(http.get('/api/compliance/dictionaries')),
  standing: (cadreId, asOf) =>
    data(http.get(`/api/compliance/cadres/${cadreId}/standing`, { params: cleanParams({ asOf }) })),
  appraisal: (cadreId, year) => data(http.get(`/api/compliance/cadres/${cadreId}/appraisal`, { params: { year } })),
  promotionCheck: (cadreId, body) => data(http.post(`/api/compliance/cadres/${cadreId}/promotion-check`, body)),
  dashboard: (query) => data(http.get('/api/compliance/dashboard', { params: cleanParams(query) })),
  remind: (orgId) => data(http.post('/api/compliance/reminders', null, { params: cleanParams({ orgId }) })),
  recompute: () => data(http.post('/api/compliance/recompute')),
  ruleSets: () => data(http.get('/api/compliance/rule-sets')),
  governing: (orgId, on) =>
    data(http.get('/api/compliance/rule-sets/governing', { params: cleanParams({ orgId, on }) })),
  saveRuleSet: (body) => data(http.post('/api/compliance/rule-sets', body, { quiet: true }))
}
