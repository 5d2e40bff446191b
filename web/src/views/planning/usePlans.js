import { computed, ref } from 'vue'
import { planning } from '@/api/planning'
import { errorMessage } from '@/api/http'

const thisYear = new Date().getFullYear()

/**
 * The plan and year a planning page (指标, 评估报告, 经费) shows: the plans the user reads, the chosen one and its
 * years up to this one. `fetchPlans(failed)` loads them and takes the first.
 */
export function usePlans() {
  const plans = ref([])
  const planId = ref(null)
  const year = ref(thisYear)
  const plan = computed(() => plans.value.find((p) => p.id === planId.value))
  const years = computed(() => {
    if (!plan.value) return []
    const out = []
    for (let y = plan.value.startYear; y <= Math.min(plan.value.endYear, thisYear); y++) out.push(y)
    return out
  })
  /** The chosen plan's year nearest today (its first or last when today lies outside it). */
  function nearestYear() {
    const p = plan.value
    if (p) year.value = Math.max(p.startYear, Math.min(p.endYear, thisYear))
  }
  /**
   * Loads the plans and takes the first in its year nearest today; answers whether there is one. A refusal's
   * message goes into `failed` (the page's empty state).
   */
  async function fetchPlans(failed) {
    try {
      plans.value = await planning.plans()
    } catch (e) {
      failed.value = await errorMessage(e)
    }
    if (!plans.value.length) return false
    planId.value = plans.value[0].id
    nearestYear()
    return true
  }
  return { plans, planId, year, plan, years, nearestYear, fetchPlans }
}
