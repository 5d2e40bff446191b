import { dictionary, loadDictionary } from '@/utils/dicts'

/** Training dictionaries (class types, statuses, rank levels ...), loaded once (utils/dicts). */
export const tdicts = dictionary('training')
export const loadTrainingDicts = () => loadDictionary('training')

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
