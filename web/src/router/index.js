import { createRouter, createWebHistory } from 'vue-router'
import { ElMessage } from 'element-plus'
import { session, loadSession, clearSession, hasModule, landingRoute } from '../store/session.js'
import { setUnauthorizedHandler } from '../api/http.js'
import { loadEnumerations } from '../api/meta.js'
import { t } from '../i18n/index.js'
import { afterLoginTarget } from '../utils/redirect.js'
import MainLayout from '../layouts/MainLayout.vue'
import LoginPage from '../pages/login/LoginPage.vue'

// meta.module: the entry of `modules` (GET /me) that a route needs; meta.public: no login;
// meta.menu: the menu entry to highlight when it is not the route's own name (detail pages).
// page(): a page of `module` (by default the one named like the route).
const page = (path, name, component, module = name, menu = undefined) => ({ path, name, component, meta: menu ? { module, menu } : { module } })
const routes = [
  { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
  // The public notice (公示) of a contest's awards: no login.
  {
    path: '/notice/competitions/:id(\\d+)',
    name: 'competition-notice',
    component: () => import('../pages/competitions/PublicResultsPage.vue'),
    meta: { public: true },
  },
  // The printable progress report: a page of its own (no menu or top bar), printed with the browser.
  page('/dashboard/print', 'dashboard-print', () => import('../pages/dashboard/DashboardPrintPage.vue'), 'dashboard'),
  {
    path: '/',
    component: MainLayout,
    children: [
      // '/' lands on the progress dashboard for the roles that have it, else on home (see the guard).
      { path: '', name: 'root', component: { render: () => null } },
      page('home', 'home', () => import('../pages/home/HomePage.vue')),
      page('dashboard', 'dashboard', () => import('../pages/dashboard/DashboardPage.vue')),
      page('people', 'people', () => import('../pages/people/PeoplePage.vue')),
      page('people/:id(\\d+)', 'person', () => import('../pages/people/PersonDetailPage.vue'), 'people', 'people'),
      page('entities', 'entities', () => import('../pages/entities/EntitiesPage.vue')),
      page('entities/:id(\\d+)', 'entity', () => import('../pages/entities/EntityDetailPage.vue'), 'entities', 'entities'),
      page('activities', 'activities', () => import('../pages/activities/ActivitiesPage.vue')),
      page('loans', 'loans', () => import('../pages/loans/LoansPage.vue')),
      page('loans/applications/:id(\\d+)', 'loan-application', () => import('../pages/loans/ApplicationDetailPage.vue'), 'loans', 'loans'),
      page('loans/:id(\\d+)', 'loan', () => import('../pages/loans/LoanDetailPage.vue'), 'loans', 'loans'),
      page('targets', 'targets', () => import('../pages/targets/TargetsPage.vue')),
      page('imports', 'imports', () => import('../pages/imports/ImportsPage.vue')),
      page('regions', 'regions', () => import('../pages/regions/RegionsPage.vue')),
      page('users', 'users', () => import('../pages/users/UsersPage.vue')),
      page('audit', 'audit', () => import('../pages/audit/AuditPage.vue')),
      page('competitions', 'competitions', () => import('../pages/competitions/CompetitionsPage.vue')),
      page('competitions/:id(\\d+)', 'competition', () => import('../pages/competitions/CompetitionDetailPage.vue'), 'competitions', 'competitions'),
      page('competitions/assignments/:id(\\d+)', 'competition-score', () => import('../pages/competitions/ScorePage.vue'), 'competitions', 'competitions'),
      {
        path: '403',
        name: 'forbidden',
        component: () => import('../pages/errors/ErrorPage.vue'),
        props: { kind: 'forbidden' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../pages/errors/ErrorPage.vue'),
        props: { kind: 'not-found' },
      },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  if (!session.loaded) {
    try {
      await loadSession()
    } catch {
      // network or server failure (already shown): treat as not logged in for now
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.user) return afterLoginTarget(to)
    return true
  }
  if (!session.user) {
    const plain = ['/', '/home', '/dashboard']
    const redirect = to.fullPath && !plain.includes(to.fullPath) ? to.fullPath : undefined
    return { name: 'login', query: redirect ? { redirect } : {} }
  }
  try {
    await loadEnumerations()
  } catch {
    // shown by the API client; the page's lists stay empty until the next navigation
  }
  if (to.name === 'root') return { name: landingRoute(), replace: true }
  if (to.meta.module && !hasModule(to.meta.module)) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  return true
})

// Session ended on the server (expired, password reset by an administrator …).
setUnauthorizedHandler(() => {
  const wasLoggedIn = !!session.user
  clearSession()
  const current = router.currentRoute.value
  if (current.name === 'login') return
  if (wasLoggedIn) {
    ElMessage({ type: 'warning', message: t('common.sessionExpired'), grouping: true })
  }
  const redirect = current.fullPath && current.name !== 'forbidden' ? current.fullPath : undefined
  router.replace({ name: 'login', query: redirect ? { redirect } : {} })
})
