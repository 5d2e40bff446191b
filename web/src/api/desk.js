import http, { data } from './http'

// platform.desk: the workbench.

/** The workbench (工作台): what waits for the signed-in user, the key figures and the coming classes. */
export const desk = {
  get: () => data(http.get('/api/desk'))
}
