import { createRouter, createWebHistory } from 'vue-router'
import { ElMessage } from 'element-plus'
import { session, loadSession, clearSession, hasModule, landingRoute } from '../store/session.js'
import { setUnauthorizedHandler } from '../api/http.js'
import { loadEnumerations } from '../api/meta.js'
import { t } from '../i18n/index.js'
import { afterLoginTarget } from '../utils/redirect.js'
import MainLayout from '../layouts/MainLayout.vue'
import LoginPage from '../pages/login/LoginPage.vue'

import { page } from './page.js'

// Each module's pages come from its own pages/<module>/routes.js (a new module adds that file;
// nothing here changes). meta.public: no login; meta.module / meta.menu: see page.js.
const modulePages = Object.values(import.meta.glob('../pages/*/routes.js', { eager: true })).flatMap((m) => m.default)
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
      ...modulePages,
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
