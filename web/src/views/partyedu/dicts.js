import { reactive } from 'vue'
import { partyedu } from '@/api/partyedu'

/** Dictionaries of the party-education pages, loaded once. */
export const peDicts = reactive({ loaded: false })
let loading = null
export function loadPeDicts() {
  if (peDicts.loaded) return Promise.resolve(peDicts)
  if (!loading) {
    loading = partyedu.dictionaries().then((d) => {
      Object.assign(peDicts, d, { loaded: true })
      return peDicts
    })
  }
  return loading
}
export const thisYear = new Date().getFullYear()
export const years = Array.from({ length: 6 }, (_, i) => thisYear - i)
