/**
 * Phone or desktop: a cadre on a phone (a narrow window, or a phone's or WeChat's user agent) lands on the phone
 * pages; "电脑版" on a phone page remembers the choice for the rest of the browser session.
 */
const KEY = 'ganxun.preferDesktop'

export function isPhone() {
  const narrow = window.matchMedia ? window.matchMedia('(max-width: 768px)').matches : window.innerWidth <= 768
  const ua = navigator.userAgent || ''
  return narrow || /Android.+Mobile|iPhone|iPod|MicroMessenger.+Mobile|Windows Phone/i.test(ua)
}

export function preferDesktop(value) {
  try {
    if (value === undefined) return sessionStorage.getItem(KEY) === '1'
    if (value) sessionStorage.setItem(KEY, '1')
    else sessionStorage.removeItem(KEY)
  } catch {
    /* private mode: no memory of the choice */
  }
  return !!value
}

/** A cadre: an account bound to a cadre that has its own affairs and no roster to look after. */
export function isCadre(me) {
  const p = me?.permissions || []
  return me?.cadreId != null && p.includes('SELF_SERVICE') && !p.includes('ROSTER_VIEW')
}
