import { createRouter, createWebHashHistory } from 'vue-router'
import { session, loadMe, clearSession, can } from '@/session'
import { menu, allowed } from '@/menu'
import { setUnauthorizedHandler } from '@/api/http'
import Layout from '@/layout/Layout.vue'
import { isCadre, isPhone, preferDesktop } from '@/utils/device'

const pages = {
  '/home': () => import('@/views/Home.vue'),
  '/org/units': () => import('@/views/org/OrgTreePage.vue'),
  '/org/party': () => import('@/views/org/OrgTreePage.vue'),
  '/cadres/roster': () => import('@/views/cadre/Roster.vue'),
  '/cadres/import': () => import('@/views/cadre/Import.vue'),
  '/me/profile': () => import('@/views/profile/MyProfile.vue'),
  '/secondment/programmes': () => import('@/views/secondment/Programmes.vue'),
  '/secondment/selection': () => import('@/views/secondment/Selection.vue'),
  '/secondment/refusals': () => import('@/views/secondment/Refusals.vue'),
  '/secondment/postings': () => import('@/views/secondment/Postings.vue'),
  '/secondment/alerts': () => import('@/views/secondment/Alerts.vue'),
  '/secondment/evaluation': () => import('@/views/secondment/Evaluation.vue'),
  '/secondment/statistics': () => import('@/views/secondment/Statistics.vue'),
  '/secondment/my': () => import('@/views/secondment/MyLogs.vue'),
  '/my/archive': () => import('@/views/archive/MyArchive.vue'),
  '/archive/record': () => import('@/views/archive/RecordHours.vue'),
  '/archive/review': () => import('@/views/archive/Review.vue'),
  '/archive/online-import': () => import('@/views/archive/OnlineImport.vue'),
  '/compliance/dashboard': () => import('@/views/compliance/Dashboard.vue'),
  '/compliance/rules': () => import('@/views/compliance/RuleSets.vue'),
  '/statistics/cadre-profile': () => import('@/views/stats/CadreProfile.vue'),
  '/statistics/training': () => import('@/views/stats/TrainingStatistics.vue'),
  '/system/users': () => import('@/views/system/Users.vue'),
  '/system/roles': () => import('@/views/system/Roles.vue'),
  '/system/audit': () => import('@/views/system/Audit.vue'),
  '/me/password': () => import('@/views/profile/Password.vue'),
  '/me/messages': () => import('@/views/profile/Messages.vue'),
  '/planning/indicators': () => import('@/views/planning/Indicators.vue'),
  '/planning/calendar': () => import('@/views/planning/Calendar.vue'),
  '/planning/budget': () => import('@/views/planning/Budget.vue'),
  '/planning/fee-standard': () => import('@/views/planning/FeeStandard.vue'),
  '/planning/schedule-settings': () => import('@/views/planning/ScheduleSettings.vue'),
  '/planning/report': () => import('@/views/planning/Report.vue'),
  '/training/plans': () => import('@/views/training/Plans.vue'),
  '/training/classes': () => import('@/views/training/Classes.vue'),
  '/training/approvals': () => import('@/views/training/Classes.vue'),
  '/training/instructors': () => import('@/views/training/Instructors.vue'),
  '/training/callup': () => import('@/views/training/CallUp.vue'),
  '/training/enroll': () => import('@/views/training/Enroll.vue'),
  '/partyedu/members': () => import('@/views/partyedu/Members.vue'),
  '/partyedu/alerts': () => import('@/views/partyedu/MobileAlerts.vue'),
  '/partyedu/activities': () => import('@/views/partyedu/Activities.vue'),
  '/partyedu/hours': () => import('@/views/partyedu/Hours.vue'),
  '/partyedu/messages': () => import('@/views/partyedu/Messages.vue'),
  '/partyedu/sites': () => import('@/views/partyedu/Sites.vue'),
  '/partyedu/classroom': () => import('@/views/partyedu/Classroom.vue'),
  '/partyedu/statistics': () => import('@/views/partyedu/Statistics.vue'),
  '/me/surveys': () => import('@/views/survey/MySurveys.vue'),
  '/surveys/list': () => import('@/views/survey/SurveyList.vue'),
  '/training/classroom': () => import('@/views/classroom/Classroom.vue'),
  '/me/classes': () => import('@/views/mobile/Redirect.vue'),
  '/me/learning': () => import('@/views/learning/LearningRedirect.vue'),
  '/learning/courses': () => import('@/views/learning/Courses.vue'),
  '/learning/assignments': () => import('@/views/learning/Assignments.vue'),
  '/learning/integrity': () => import('@/views/learning/Integrity.vue'),
  '/exam/questions': () => import('@/views/exam/QuestionBank.vue'),
  '/exam/list': () => import('@/views/exam/Exams.vue'),
  '/me/exams': () => import('@/views/exam/ExamsRedirect.vue')
}
const pageProps = {
  '/org/units': { party: false },
  '/org/party': { party: true },
  '/training/classes': { approvals: false },
  '/training/approvals': { approvals: true }
}

function flatten(items, parent) {
  return items.flatMap((m) =>
    m.children
      ? flatten(m.children, m)
      : [
          {
            path: m.path.slice(1),
            component: pages[m.path],
            props: pageProps[m.path] || false,
            meta: { title: m.title, menuEntry: m, group: parent?.title }
          }
        ]
  )
}

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', component: () => import('@/views/Login.vue'), meta: { title: '登录', public: true } },
    {
      path: '/m/study/:token',
      component: () => import('@/views/partyedu/StudyCheckin.vue'),
      meta: { title: '在线参学', public: true }
    },
    {
      path: '/verify/:serial',
      component: () => import('@/views/Verify.vue'),
      meta: { title: '结业证书查验', public: true }
    },
    { path: '/qr/:sessionId', component: () => import('@/views/classroom/Projector.vue'), meta: { title: '投影签到' } },
    // phone pages for trainees (390px and up), outside the admin layout
    { path: '/m', redirect: '/m/home' },
    {
      path: '/m/home',
      component: () => import('@/views/mobile/PhoneHome.vue'),
      meta: { title: '今日', perms: ['SELF_SERVICE'] }
    },
    { path: '/m/messages', component: () => import('@/views/mobile/PhoneMessages.vue'), meta: { title: '消息' } },
    {
      path: '/m/classes',
      component: () => import('@/views/mobile/MyClasses.vue'),
      meta: { title: '我的培训', perms: ['SELF_SERVICE'] }
    },
    {
      path: '/m/class/:id',
      component: () => import('@/views/mobile/MyClass.vue'),
      meta: { title: '课程表', perms: ['SELF_SERVICE'] }
    },
    {
      path: '/m/learning',
      component: () => import('@/views/learning/Catalogue.vue'),
      meta: { title: '网络学院', perms: ['SELF_SERVICE'] }
    },
    {
      path: '/m/learning/:id',
      component: () => import('@/views/learning/Player.vue'),
      meta: { title: '学习', perms: ['SELF_SERVICE'] }
    },
    {
      path: '/m/exams',
      component: () => import('@/views/exam/MyExams.vue'),
      meta: { title: '在线考试', perms: ['SELF_SERVICE'] }
    },
    {
      path: '/m/exams/attempt/:id',
      component: () => import('@/views/exam/TakeExam.vue'),
      meta: { title: '考试', perms: ['SELF_SERVICE'] }
    },
    {
      path: '/m/checkin',
      component: () => import('@/views/mobile/CheckIn.vue'),
      meta: { title: '签到', perms: ['SELF_SERVICE'] }
    },
    // the answer page of a survey (link or QR code): phone-sized, no menu; named surveys ask for login
    {
      path: '/s/:token',
      component: () => import('@/views/survey/Answer.vue'),
      meta: { title: '问卷调查', public: true }
    },
    {
      path: '/',
      component: Layout,
      redirect: '/home',
      children: [
        ...flatten(menu),
        {
          path: 'surveys/:id',
          component: () => import('@/views/survey/SurveyDetail.vue'),
          props: true,
          meta: { title: '调研详情', perms: ['SURVEY_MANAGE', 'SURVEY_ENTER'], group: '培训需求调研' }
        }
      ]
    },
    { path: '/:pathMatch(.*)*', redirect: '/home' }
  ]
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!session.me) await loadMe()
  if (!session.me) return { path: '/login', query: to.fullPath !== '/home' ? { redirect: to.fullPath } : {} }
  // a cadre on a phone lands on the phone home, unless they chose 电脑版 in this browser session
  if (to.path === '/home' && isCadre(session.me) && isPhone() && !preferDesktop()) return { path: '/m/home' }
  if (to.meta.menuEntry && !allowed(to.meta.menuEntry, session.me)) return { path: '/home' }
  if (to.meta.perms && !can(to.meta.perms)) return { path: '/home' }
  return true
})

router.afterEach((to) => {
  document.title = `${to.meta.title ? to.meta.title + ' - ' : ''}干部教育培训管理平台`
  if (to.meta.menuEntry && session.me) prefetchMenuPages()
})

/**
 * Once the console has shown its first page, fetches the code of the other pages the user's menu offers while the
 * browser is idle, one page at a time: a page's first visit then waits for its data only (fetching and compiling a
 * page's code took 0.2–0.4 s on a first click). Not on a phone, where the console is not the daily page and data
 * may be metered. A page whose code fails to arrive here is fetched again on its click. Once per user: the next
 * user signing in on the same tab may have other pages.
 */
let prefetchedFor = null
function prefetchMenuPages() {
  if (prefetchedFor === session.me.id || isPhone()) return
  prefetchedFor = session.me.id
  const idle = () =>
    new Promise((resolve) =>
      window.requestIdleCallback ? window.requestIdleCallback(resolve, { timeout: 5000 }) : setTimeout(resolve, 300)
    )
  const loaders = [
    ...new Set(
      flatten(menu)
        .filter((r) => allowed(r.meta.menuEntry, session.me))
        .map((r) => r.component)
        .filter(Boolean)
    )
  ]
  ;(async () => {
    for (const load of loaders) {
      await idle()
      await load().catch(() => {})
    }
  })()
}

setUnauthorizedHandler(() => {
  clearSession()
  const current = router.currentRoute.value
  if (!current.meta.public) {
    router.replace({ path: '/login', query: { redirect: current.fullPath } })
  }
})

export default router
