import { reactive } from 'vue'
import { cadres } from '@/api/people'
import { training } from '@/api/training'
import { partyedu } from '@/api/partyedu'
import { secondment } from '@/api/secondment'
import { archive } from '@/api/archive'
import { compliance } from '@/api/compliance'

/**
 * Dictionary options (代码集): each module's `GET …/dictionaries` answers {name: [{value, label}], …}; this is the
 * one place that loads them, once per sign-in, and hands out the same reactive object to every page.
 *
 *   const dicts = dictionary('training')     // reactive, empty until loaded: template reads dicts.classType
 *   await loadDictionary('training')         // loads it (once), answers the same object
 *   <DictSelect v-model="q.classType" source="training" dict="classType" />
 */
const SOURCES = {
  cadre: () => cadres.dictionaries(),
  training: () => training.dictionaries(),
  partyedu: () => partyedu.dictionaries(),
  secondment: () => secondment.dictionaries(),
  archive: () => archive.dictionaries(),
  compliance: () => compliance.dictionaries()
}
const stores = {}
const pending = {}

/** The reactive code sets of one source (a module); `loaded` tells whether they have arrived. */
export function dictionary(source = 'cadre') {
  if (!SOURCES[source]) throw new Error(`unknown dictionary source: ${source}`)
  if (!stores[source]) stores[source] = reactive({ loaded: false })
  return stores[source]
}

/** Loads a source's code sets once; a failed load is tried again next time. */
export function loadDictionary(source = 'cadre') {
  const store = dictionary(source)
  if (store.loaded) return Promise.resolve(store)
  if (!pending[source]) {
    pending[source] = SOURCES[source]()
      .then((d) => Object.assign(store, d, { loaded: true }))
      .finally(() => delete pending[source])
  }
  return pending[source]
}

/** The options of one code set ([] until loaded). */
export function dictOptions(source, name) {
  return dictionary(source)[name] || []
}

/** Forgets every loaded code set (sign-out: the next user may see other units' options). */
export function clearDictionaries() {
  for (const store of Object.values(stores)) {
    for (const key of Object.keys(store)) delete store[key]
    store.loaded = false
  }
}

/** The yes/no choice of the filters (后备干部, 领导职务, …). */
export const YES_NO = [
  { value: true, label: '是' },
  { value: false, label: '否' }
]

/** The label of a value in a code set, or the value itself. */
export function labelOf(list, value) {
  return (list || []).find((o) => o.value === value)?.label ?? value
}
