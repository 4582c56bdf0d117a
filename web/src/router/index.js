import { createRouter, createWebHistory } from 'vue-router'
import { ElMessage } from 'element-plus'
import { session, loadSession, clearSession, hasModule } from '../store/session.js'
import { setUnauthorizedHandler } from '../api/http.js'
import { t } from '../i18n/index.js'
import { afterLoginTarget } from '../utils/redirect.js'
import MainLayout from '../layouts/MainLayout.vue'
import LoginPage from '../pages/login/LoginPage.vue'

// meta.module: the entry of `modules` (GET /me) that a route needs; meta.public: no login.
const routes = [
  { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', redirect: { name: 'home' } },
      {
        path: 'home',
        name: 'home',
        component: () => import('../pages/home/HomePage.vue'),
        meta: { module: 'home' },
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
        path: '403',
        name: 'forbidden',
        component: () => import('../pages/errors/ForbiddenPage.vue'),
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../pages/errors/NotFoundPage.vue'),
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
    const redirect = to.fullPath && to.fullPath !== '/' && to.fullPath !== '/home' ? to.fullPath : undefined
    return { name: 'login', query: redirect ? { redirect } : {} }
  }
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
