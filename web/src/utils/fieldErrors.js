import { reactive } from 'vue'
import { errorMessage } from '@/api/http'

/**
 * The server's refusal of a form, shown where it belongs: a 400 carries `problems` [{field, message}] keyed by the
 * request's property (platform.web.ApiExceptionHandler), which `err(prop)` puts on the field
 * (`<el-form-item prop="name" :error="fe.err('name')">`); `message` is the whole answer's message, for an alert
 * above the form when a problem names no field on it.
 *
 *   const fe = fieldErrors()
 *   try { await api.save(body) } catch (e) { await fe.take(e) }
 *
 * `aliases` maps a server property to the form's ({ politicalStatus: 'politicalStatusCode' }).
 */
export function fieldErrors(aliases = {}) {
  const state = reactive({
    problems: [],
    message: '',
    /** The messages for the form's property `prop` (and any server property aliased to it), joined. */
    err(prop) {
      return state.problems
        .filter((p) => p.field === prop || aliases[p.field] === prop)
        .map((p) => p.message)
        .join('；')
    },
    /** Takes a failed request's answer; returns the message. */
    async take(e) {
      state.problems = e?.response?.data?.problems || []
      state.message = await errorMessage(e)
      return state.message
    },
    clear() {
      state.problems = []
      state.message = ''
    }
  })
  return state
}
