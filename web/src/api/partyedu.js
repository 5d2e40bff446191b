import http, { cleanParams, data } from './http'

// partyedu module: party-member education.

/** Party-member education (党员教育). */
const PE = '/api/partyedu'
export const partyedu = {
  dictionaries: () => data(http.get(`${PE}/dictionaries`)),
  members: (query) => data(http.get(`${PE}/members`, { params: cleanParams(query) })),
  member: (id) => data(http.get(`${PE}/members/${id}`)),
  groups: () => data(http.get(`${PE}/members/groups`)),
  createMember: (form) => data(http.post(`${PE}/members`, form, { quiet: true })),
  updateMember: (id, form) => data(http.put(`${PE}/members/${id}`, form, { quiet: true })),
  contacts: (id) => data(http.get(`${PE}/members/${id}/contacts`)),
  addContact: (id, body) => data(http.post(`${PE}/members/${id}/contacts`, body, { quiet: true })),
  mobileAlerts: (query) => data(http.get(`${PE}/mobile-alerts`, { params: cleanParams(query) })),
  notifySecretaries: () => data(http.post(`${PE}/mobile-alerts/notify`)),
  activities: (query) => data(http.get(`${PE}/activities`, { params: cleanParams(query) })),
  activity: (id) => data(http.get(`${PE}/activities/${id}`)),
  createActivity: (body) => data(http.post(`${PE}/activities`, body, { quiet: true })),
  updateActivity: (id, body) => data(http.put(`${PE}/activities/${id}`, body, { quiet: true })),
  materials: (id) => data(http.get(`${PE}/activities/${id}/materials`)),
  uploadMaterial: (id, file) => {
    const fd = new FormData()
    fd.append('file', file)
    return data(http.post(`${PE}/activities/${id}/materials`, fd))
  },
  deleteMaterial: (id, mid) => data(http.delete(`${PE}/activities/${id}/materials/${mid}`)),
  attendance: (id) => data(http.get(`${PE}/activities/${id}/attendance`)),
  attend: (id, body) => data(http.post(`${PE}/activities/${id}/attendance`, body)),
  invite: (id, body) => data(http.post(`${PE}/activities/${id}/invitations`, body)),
  hours: (query) => data(http.get(`${PE}/hours`, { params: cleanParams(query) })),
  statistics: (query) => data(http.get(`${PE}/statistics`, { params: cleanParams(query) })),
  templates: () => data(http.get(`${PE}/messages/templates`)),
  saveTemplate: (id, body) =>
    data(
      id
        ? http.put(`${PE}/messages/templates/${id}`, body, { quiet: true })
        : http.post(`${PE}/messages/templates`, body, { quiet: true })
    ),
  deleteTemplate: (id) => data(http.delete(`${PE}/messages/templates/${id}`)),
  preview: (body) => data(http.post(`${PE}/messages/preview`, body)),
  send: (body) => data(http.post(`${PE}/messages/broadcasts`, body)),
  broadcasts: () => data(http.get(`${PE}/messages/broadcasts`)),
  recipients: (id, params) => data(http.get(`${PE}/messages/broadcasts/${id}/recipients`, { params })),
  sites: (query) => data(http.get(`${PE}/sites`, { params: cleanParams(query) })),
  siteRules: () => data(http.get(`${PE}/sites/rules`)),
  saveSite: (id, body) =>
    data(id ? http.put(`${PE}/sites/${id}`, body, { quiet: true }) : http.post(`${PE}/sites`, body, { quiet: true })),
  equipment: (id) => data(http.get(`${PE}/sites/${id}/equipment`)),
  saveEquipment: (id, eid, body) =>
    data(
      eid
        ? http.put(`${PE}/sites/${id}/equipment/${eid}`, body, { quiet: true })
        : http.post(`${PE}/sites/${id}/equipment`, body, { quiet: true })
    ),
  sessions: (id, year) => data(http.get(`${PE}/sites/${id}/sessions`, { params: cleanParams({ year }) })),
  addSession: (id, body) => data(http.post(`${PE}/sites/${id}/sessions`, body, { quiet: true })),
  siteAlerts: (query) => data(http.get(`${PE}/site-alerts`, { params: cleanParams(query) })),
  resolveAlert: (id, resolution) => data(http.post(`${PE}/site-alerts/${id}/resolve`, { resolution }, { quiet: true })),
  evaluateAlerts: () => data(http.post(`${PE}/site-alerts/evaluate`)),
  lecturers: () => data(http.get(`${PE}/classroom/lecturers`)),
  saveLecturer: (id, body) =>
    data(
      id
        ? http.put(`${PE}/classroom/lecturers/${id}`, body, { quiet: true })
        : http.post(`${PE}/classroom/lecturers`, body, { quiet: true })
    ),
  visits: (query) => data(http.get(`${PE}/classroom/visits`, { params: cleanParams(query) })),
  saveVisit: (id, body) =>
    data(
      id
        ? http.put(`${PE}/classroom/visits/${id}`, body, { quiet: true })
        : http.post(`${PE}/classroom/visits`, body, { quiet: true })
    ),
  coverage: (year) => data(http.get(`${PE}/classroom/coverage`, { params: { year } })),
  invitation: (token) => data(http.get(`/api/public/partyedu/study/${token}`, { quiet: true })),
  attendOnline: (token) => data(http.post(`/api/public/partyedu/study/${token}/attend`, null, { quiet: true }))
}
