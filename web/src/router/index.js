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
  {
    path: '/dashboard/print',
    name: 'dashboard-print',
    component: () => import('../pages/dashboard/DashboardPrintPage.vue'),
    meta: { module: 'dashboard' },
  },
  {
    path: '/',
    component: MainLayout,
    children: [
      // '/' lands on the progress dashboard for the roles that have it, else on home (see the guard).
      { path: '', name: 'root', component: { render: () => null } },
      {
        path: 'home',
        name: 'home',
        component: () => import('../pages/home/HomePage.vue'),
        meta: { module: 'home' },
      },
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('../pages/dashboard/DashboardPage.vue'),
        meta: { module: 'dashboard' },
      },
      {
        path: 'people',
        name: 'people',
        component: () => import('../pages/people/PeoplePage.vue'),
        meta: { module: 'people' },
      },
      {
        path: 'people/:id(\\d+)',
        name: 'person',
        component: () => import('../pages/people/PersonDetailPage.vue'),
        meta: { module: 'people', menu: 'people' },
      },
      {
        path: 'entities',
        name: 'entities',
        component: () => import('../pages/entities/EntitiesPage.vue'),
        meta: { module: 'entities' },
      },
      {
        path: 'entities/:id(\\d+)',
        name: 'entity',
        component: () => import('../pages/entities/EntityDetailPage.vue'),
        meta: { module: 'entities', menu: 'entities' },
      },
      {
        path: 'activities',
        name: 'activities',
        component: () => import('../pages/activities/ActivitiesPage.vue'),
        meta: { module: 'activities' },
      },
      {
        path: 'loans',
        name: 'loans',
        component: () => import('../pages/loans/LoansPage.vue'),
        meta: { module: 'loans' },
      },
      {
        path: 'loans/applications/:id(\\d+)',
        name: 'loan-application',
        component: () => import('../pages/loans/ApplicationDetailPage.vue'),
        meta: { module: 'loans', menu: 'loans' },
      },
      {
        path: 'loans/:id(\\d+)',
        name: 'loan',
        component: () => import('../pages/loans/LoanDetailPage.vue'),
        meta: { module: 'loans', menu: 'loans' },
      },
      {
        path: 'targets',
        name: 'targets',
        component: () => import('../pages/targets/TargetsPage.vue'),
        meta: { module: 'targets' },
      },
      {
        path: 'imports',
        name: 'imports',
        component: () => import('../pages/imports/ImportsPage.vue'),
        meta: { module: 'imports' },
      },
      {
        path: 'regions',
        name: 'regions',
        component: () => import('../pages/regions/RegionsPage.vue'),
        meta: { module: 'regions' },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('../pages/users/UsersPage.vue'),
        meta: { module: 'users' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('../pages/audit/AuditPage.vue'),
        meta: { module: 'audit' },
      },
      {
        path: 'competitions',
        name: 'competitions',
        component: () => import('../pages/competitions/CompetitionsPage.vue'),
        meta: { module: 'competitions' },
      },
      {
        path: 'competitions/:id(\\d+)',
        name: 'competition',
        component: () => import('../pages/competitions/CompetitionDetailPage.vue'),
        meta: { module: 'competitions', menu: 'competitions' },
      },
      {
        path: 'competitions/assignments/:id(\\d+)',
        name: 'competition-score',
        component: () => import('../pages/competitions/ScorePage.vue'),
        meta: { module: 'competitions', menu: 'competitions' },
      },
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
