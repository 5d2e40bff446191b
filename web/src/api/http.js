import axios from 'axios'
import { ElMessage } from 'element-plus'

/**
 * The one HTTP client. Session cookie + CSRF: axios echoes the XSRF-TOKEN cookie as X-XSRF-TOKEN
 * for same-origin requests by itself. 401 sends the user to the login page; every other error shows
 * the server's Chinese `message` (unless the caller asks to handle it with `{ quiet: true }`).
 */
const http = axios.create({
  baseURL: '',
  withCredentials: true,
  xsrfCookieName: 'XSRF-TOKEN',
  xsrfHeaderName: 'X-XSRF-TOKEN',
  timeout: 120000
})

let onUnauthorized = () => {}
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}

/** The server's message for an axios error; reads JSON out of blob answers (downloads) too. */
export async function errorMessage(error) {
  const res = error?.response
  if (!res) return '无法连接服务器，请检查网络'
  let data = res.data
  if (data instanceof Blob) {
    try {
      data = JSON.parse(await data.text())
    } catch {
      data = null
    }
  }
  if (data && typeof data === 'object' && data.message) return data.message
  if (res.status === 403) return '无权进行此操作'
  if (res.status === 404) return '请求的内容不存在'
  if (res.status === 413) return '上传的文件过大'
  return `请求失败（${res.status}）`
}

http.interceptors.response.use(
  (r) => r,
  async (error) => {
    const res = error?.response
    const cfg = error?.config || {}
    if (res && res.status === 401 && !cfg.url?.includes('/api/auth/login')) {
      onUnauthorized()
      error.shown = true
      return Promise.reject(error)
    }
    if (res?.data instanceof Blob) {
      // downloads: turn the JSON error back into an object so callers see `message`
      try {
        res.data = JSON.parse(await res.data.text())
      } catch {
        /* not JSON */
      }
    }
    if (!cfg.quiet) {
      ElMessage.error(await errorMessage(error))
      // told to the user: a caller that lets it go (a button's handler) is not a script error (main.js)
      error.shown = true
    }
    return Promise.reject(error)
  }
)

/** The answer's body: `data(http.get(...))`. */
export const data = (p) => p.then((r) => r.data)

/** Removes empty values so that only the filters the user set are sent. */
export function cleanParams(params) {
  const out = {}
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === '') continue
    if (Array.isArray(v) && v.length === 0) continue
    out[k] = v
  }
  return out
}

/** Downloads a file (Excel) with the session; the name comes from Content-Disposition. */
export async function download(url, params, fallbackName) {
  const res = await http.get(url, { params: cleanParams(params), responseType: 'blob' })
  const cd = res.headers['content-disposition'] || ''
  let name = fallbackName
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(cd)
  const plain = /filename="?([^";]+)"?/i.exec(cd)
  if (star) name = decodeURIComponent(star[1].replace(/"/g, ''))
  else if (plain) name = decodeURIComponent(plain[1])
  const href = URL.createObjectURL(res.data)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10000)
}

export default http
