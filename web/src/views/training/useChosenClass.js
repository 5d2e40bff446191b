import { computed, onMounted, ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import { training } from '@/api/training'

/**
 * The class a workbench page (报名, 调训) works on: chosen in its ClassPicker or linked with ?classId=…; its detail,
 * and `reloadKey` for the EnrollmentsPanel beside it. `refresh()` reads the class again and calls
 * `onRefresh(detail)`; another class first calls `onChange()`.
 */
export function useChosenClass({ onRefresh = () => {}, onChange = () => {} } = {}) {
  const classId = ref(Number(useRoute().query.classId) || null)
  const detail = ref(null)
  const c = computed(() => detail.value?.trainingClass)
  const reloadKey = ref(0)
  async function refresh() {
    if (!classId.value) {
      detail.value = null
      return
    }
    detail.value = await training.detail(classId.value)
    reloadKey.value++
    onRefresh(detail.value)
  }
  watch(classId, () => {
    onChange()
    refresh()
  })
  onMounted(() => classId.value && refresh())
  return { classId, detail, c, reloadKey, refresh }
}
