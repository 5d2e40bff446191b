import { reactive } from 'vue'
import { auth, cadres, orgs as orgApi } from './api'
import { preferDesktop } from './utils/device'

/** The signed-in user and the dictionaries, loaded once per sign-in. */
export const session = reactive({
  me: null,
  dicts: null
})

/**
 * Whether the signed-in user holds any of these permissions (names of the server's Permission enum). What a user
 * may do is decided by the server and listed in /api/auth/me; the menu and the buttons only follow it.
 */
export function can(...permissions) {
  const held = session.me?.permissions
  return !!held && permissions.flat().some((p) => held.includes(p))
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
  preferDesktop(false)
  session.me = null
  session.dicts = null
}

/** {gender, rankLevel, ...}: each [{value, label}]. */
// one request however many selects ask at once (the roster's filters mount seven of them together)
let dictsLoading = null
export async function dictionaries() {
  if (!session.dicts) {
    dictsLoading = dictsLoading || cadres.dictionaries().finally(() => (dictsLoading = null))
    session.dicts = await dictsLoading
  }
  return session.dicts
}

export function labelOf(list, value) {
  return (list || []).find((o) => o.value === value)?.label ?? value
}

export { orgApi }
