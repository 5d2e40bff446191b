import http, { cleanParams, data } from './http'

// identity module: sign-in, users, roles.

export const auth = {
  csrf: () => data(http.get('/api/auth/csrf', { quiet: true })),
  login: (username, password) =>
    data(
      http.post('/api/auth/login', new URLSearchParams({ username, password }), {
        quiet: true,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
      })
    ),
  logout: () => http.post('/api/auth/logout', null, { quiet: true }),
  me: (opts = {}) => data(http.get('/api/auth/me', opts)),
  changePassword: (body) => data(http.post('/api/auth/password', body, { quiet: true }))
}

export const users = {
  list: (query) => data(http.get('/api/users', { params: cleanParams(query) })),
  roles: () => data(http.get('/api/users/roles')),
  create: (body) => data(http.post('/api/users', body, { quiet: true })),
  update: (id, body) => data(http.put(`/api/users/${id}`, body, { quiet: true })),
  resetPassword: (id, password) => data(http.post(`/api/users/${id}/reset-password`, { password }, { quiet: true })),
  unlock: (id) => data(http.post(`/api/users/${id}/unlock`))
}

/** 角色管理 (the security administrator's): built-in and custom roles, the permission catalogue. */
export const roles = {
  list: () => data(http.get('/api/roles')),
  permissions: () => data(http.get('/api/roles/permissions')),
  create: (body) => data(http.post('/api/roles', body, { quiet: true })),
  update: (code, body) => data(http.put(`/api/roles/${code}`, body, { quiet: true })),
  remove: (code) => data(http.delete(`/api/roles/${code}`))
}
