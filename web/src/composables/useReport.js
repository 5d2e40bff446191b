import { ref } from 'vue'
import { errorMessage } from '@/api/http'

/**
 * The figures of a report page, fetched whole on each load: `data` (null until they came, and after a failure),
 * `loading`, and `failed`, the server's message for the page's empty state.
 *
 *   const report = useReport(() => planning.budget(planId.value, year.value))
 *   <el-empty v-if="!report.data" :description="report.failed || '暂无数据'" />
 */
export function useReport(fetch) {
  const data = ref(null)
  const loading = ref(false)
  const failed = ref('')
  async function load() {
    loading.value = true
    failed.value = ''
    try {
      data.value = await fetch()
    } catch (e) {
      data.value = null
      failed.value = await errorMessage(e)
    } finally {
      loading.value = false
    }
  }
  return { data, loading, failed, load }
}
