import http, { data } from './http'

// org module: the organisation tree and the party-organisation tree.

/** Both organisation trees: base = '/api/orgs' or '/api/party-orgs'. */
export function treeApi(base) {
  return {
    list: (includeRetired = false) => data(http.get(base, { params: { includeRetired } })),
    kinds: () => data(http.get(`${base}/kinds`)),
    get: (id) => data(http.get(`${base}/${id}`)),
    create: (body) => data(http.post(base, body, { quiet: true })),
    update: (id, body) => data(http.put(`${base}/${id}`, body, { quiet: true })),
    rename: (id, name) => data(http.post(`${base}/${id}/rename`, { name }, { quiet: true })),
    move: (id, parentId) => data(http.post(`${base}/${id}/move`, { parentId }, { quiet: true })),
    retire: (id, on) => data(http.post(`${base}/${id}/retire`, { on }, { quiet: true }))
  }
}
export const orgs = treeApi('/api/orgs')
export const partyOrgs = treeApi('/api/party-orgs')
