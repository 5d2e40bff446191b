import { reactive } from 'vue'
import { ElNotification } from 'element-plus'
import { notifications } from '@/api/notify'

/**
 * The bell: the unread count, polled every 30 seconds (and at once when the tab becomes visible again). Polling of a
 * two-index count was chosen over Server-Sent Events: an open event stream per tab holds a servlet thread and a
 * session, and the every-endpoint sweep calls each endpoint — polling is cheap and works behind any proxy and in
 * WeChat's in-app browser. A message newer than the last one seen pops up as a notification.
 */
export const POLL_MS = 30000

export const inbox = reactive({ unread: 0, latestId: null, popups: true })

let timer = null
let users = 0
const listeners = new Set()

export async function refreshInbox() {
  try {
    const r = await notifications.unread()
    const before = inbox.latestId
    inbox.unread = r.count
    inbox.latestId = r.latestId
    if (before != null && r.latestId > before) {
      const fresh = (await notifications.list({ unread: true })).filter((m) => m.id > before)
      fresh.slice(0, 3).forEach((m) => {
        if (inbox.popups) {
          ElNotification({
            title: m.title,
            message: m.body,
            type: 'info',
            duration: 8000,
            offset: 56,
            customClass: 'new-message'
          })
        }
      })
      listeners.forEach((f) => f(fresh))
    }
  } catch {
    /* signed out or offline: the next poll tries again */
  }
}

const onVisible = () => document.visibilityState === 'visible' && refreshInbox()

/** Starts polling while at least one component uses it; returns the function that stops it. */
export function useInbox(onNew) {
  if (onNew) listeners.add(onNew)
  if (users++ === 0) {
    refreshInbox()
    timer = setInterval(refreshInbox, POLL_MS)
    document.addEventListener('visibilitychange', onVisible)
  }
  return () => {
    if (onNew) listeners.delete(onNew)
    if (--users === 0) {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
      inbox.latestId = null
    }
  }
}

/** The message's kinds in groups, for the filter; the prefix is what the server filters by. */
export const KINDS = [
  { prefix: 'TRAINING_REMINDER', label: '学时提醒' },
  { prefix: 'TRAINING_', label: '培训调训' },
  { prefix: 'SURVEY_', label: '调研问卷' },
  { prefix: 'SECONDMENT_', label: '挂职锻炼' },
  { prefix: 'MOBILE_MEMBER_', label: '流动党员' },
  { prefix: 'SITE_', label: '远程站点' }
]

export function kindLabel(kind) {
  return KINDS.find((k) => kind?.startsWith(k.prefix))?.label || '通知'
}

/** A message's link as a route: old messages stored '/#/…', and '/training/mine' became the phone page of my classes. */
export function messageRoute(link) {
  if (!link) return null
  let path = link.replace(/^https?:\/\/[^/]+/, '').replace(/^\/?#/, '')
  if (!path.startsWith('/')) path = '/' + path
  if (path === '/training/mine') path = '/m/classes'
  return path
}
