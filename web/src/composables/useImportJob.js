import { computed, onBeforeUnmount, ref } from 'vue'
import { download } from '@/api/http'

/** The states in which an import job has stopped (ImportStatus / OnlineImportStatus on the server). */
export const IMPORT_DONE = ['COMPLETED', 'REJECTED', 'FAILED']

/** How the imports' job states read (the online-hours import adds UPLOADED: waiting for its column mapping). */
export const IMPORT_STATUS = {
  UPLOADED: { label: '待核对对应关系', type: 'info' },
  QUEUED: { label: '排队中', type: 'info' },
  RUNNING: { label: '导入中', type: 'primary' },
  COMPLETED: { label: '已完成', type: 'success' },
  REJECTED: { label: '有错误，未导入', type: 'danger' },
  FAILED: { label: '执行失败', type: 'danger' }
}

/**
 * The job an import page shows, polled once a second until it stops (or the page is left).
 *   get(id)  -> the job (quiet: a failed poll is tried again)
 *   onDone() -> called once the job has stopped (the page reloads its list of recent imports)
 * `follow(job)` shows a job and polls it; `stop()` forgets it.
 */
export function useImportJob({ get, onDone = () => {} }) {
  const job = ref(null)
  let timer = null
  let alive = true

  const running = computed(
    () => !!job.value && !IMPORT_DONE.includes(job.value.status) && job.value.status !== 'UPLOADED'
  )
  const percent = computed(() => {
    const j = job.value
    if (!j) return 0
    if (j.status === 'COMPLETED') return 100
    if (!j.totalRows) return 0
    return Math.min(100, Math.round(((j.processedRows || 0) * 100) / j.totalRows))
  })

  function poll() {
    clearTimeout(timer)
    if (!alive || !running.value) {
      if (job.value && IMPORT_DONE.includes(job.value.status)) onDone()
      return
    }
    timer = setTimeout(async () => {
      try {
        job.value = await get(job.value.id)
      } catch {
        /* keep polling through a hiccup */
      }
      poll()
    }, 1000)
  }
  function follow(j) {
    job.value = j
    poll()
  }
  function stop() {
    clearTimeout(timer)
    job.value = null
  }
  onBeforeUnmount(() => {
    alive = false
    clearTimeout(timer)
  })
  return { job, running, percent, follow, stop }
}

/** Downloads a job's error report (every rejected row with its column and reason). */
export function downloadImportErrors(url, job) {
  return download(url, null, `错误报告-${job.fileName || job.id}.xlsx`).catch(() => {})
}
