import { reactive } from 'vue'
import { auth, cadres, orgs as orgApi } from './api'

/** The signed-in user and the dictionaries, loaded once per sign-in. */
export const session = reactive({
  me: null,
  dicts: null
})

export const ADMINS = ['SYSTEM_ADMIN', 'ORG_DEPT_ADMIN']
export const ROSTER_EDITORS = ['SYSTEM_ADMIN', 'ORG_DEPT_ADMIN', 'UNIT_LIAISON']

export function hasRole(...roles) {
  return !!session.me && roles.flat().includes(session.me.role)
}

export async function loadMe() {
  try {
    session.me = await auth.me({ quiet: true })
  } catch {
    session.me = null
  }
  return session.me
}

export function clearSession() {
  session.me = null
  session.dicts = null
}

/** {gender, rankLevel, ...}: each [{value, label}]. */
export async function dictionaries() {
  if (!session.dicts) {
    session.dicts = await cadres.dictionaries()
  }
  return session.dicts
}

export function labelOf(list, value) {
  return (list || []).find((o) => o.value === value)?.label ?? value
}

export { orgApi }
