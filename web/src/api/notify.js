import http, { cleanParams, data } from './http'

// notify module: the message centre.

/** The message centre: the signed-in user's in-app messages. */
export const notifications = {
  list: (query) => data(http.get('/api/notifications', { params: cleanParams(query) })),
  unread: () => data(http.get('/api/notifications/unread', { quiet: true })),
  read: (id) => data(http.post(`/api/notifications/${id}/read`)),
  readAll: () => data(http.post('/api/notifications/read-all'))
}
