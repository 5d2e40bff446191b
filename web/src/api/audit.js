import http, { cleanParams, data } from './http'

// audit module: the audit log and its hash chain.

export const audit = {
  search: (query) => data(http.get('/api/audit', { params: cleanParams(query) })),
  /** {entityTypes, actions}: the filters' choices as {value, label}, named by the server. */
  facets: () => data(http.get('/api/audit/facets')),
  /** Walks the hash chain: {intact, entries, blocks, problem: {kind, entryId, at, message}}. */
  verify: () => data(http.post('/api/audit/verify'))
}
