import { reactive } from 'vue'
import { training } from '@/api/training'

/** Training dictionaries (class types, statuses, rank levels ...), loaded once. */
export const tdicts = reactive({ loaded: false })

export async function loadTrainingDicts() {
  if (!tdicts.loaded) {
    Object.assign(tdicts, await training.dictionaries(), { loaded: true })
  }
  return tdicts
}

export const STATUS_TAG = {
  DRAFT: 'info',
  FILED: 'warning',
  APPROVED: 'success',
  RETURNED: 'danger',
  IN_PROGRESS: 'primary',
  COMPLETED: 'success',
  CANCELLED: 'info'
}

export function hm(t) {
  return t ? String(t).slice(0, 5) : ''
}
