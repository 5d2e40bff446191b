import { reactive } from 'vue'
import { auth } from './api/identity'
import { clearDictionaries } from './utils/dicts'
import { preferDesktop } from './utils/device'

/** The signed-in user, loaded once per sign-in (the dictionaries: utils/dicts). */
export const session = reactive({
  me: null
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
  clearDictionaries()
}
