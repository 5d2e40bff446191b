import { ref } from 'vue'
import { errorMessage } from '@/api/http'
import { session } from '@/session'

/**
 * A unit's own settings page (培训费标准, 排期设置): the unit (the user's scope first), what applies to it, and saving
 * the unit's own; `errors` holds the server's problems by field, `error` its message, `saved` a save that went through.
 *   fetch(orgId)  -> what applies to the unit (the page fills its form from it)
 *   store(orgId)  -> saves the form; answers what applies now, or nothing (the page reloads it itself)
 */
export function useUnitSettings({ fetch, store }) {
  const orgId = ref(session.me?.scopeOrgId || null)
  const view = ref(null)
  const loading = ref(false)
  const saving = ref(false)
  const saved = ref(false)
  const error = ref('')
  const errors = ref({})

  function clear() {
    error.value = ''
    errors.value = {}
    saved.value = false
  }
  async function load() {
    if (!orgId.value) return
    loading.value = true
    clear()
    try {
      view.value = await fetch(orgId.value)
    } catch (e) {
      view.value = null
      error.value = await errorMessage(e)
    } finally {
      loading.value = false
    }
  }
  async function save() {
    saving.value = true
    clear()
    try {
      const v = await store(orgId.value)
      if (v !== undefined) view.value = v
      saved.value = true
    } catch (e) {
      for (const p of e.response?.data?.problems || []) errors.value[p.field] = p.message
      error.value = await errorMessage(e)
    } finally {
      saving.value = false
    }
  }
  return { orgId, view, loading, saving, saved, error, errors, load, save }
}
