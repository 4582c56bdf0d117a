// Who is logged in: the user, the modules and permissions the server grants them (its one
// permission table, src/auth/permissions.h), and the CSRF token
// (kept in memory by the API client only).
import { reactive, computed } from 'vue'
import { setCsrfToken, getCsrfToken } from '../api/http.js'
import * as authApi from '../api/auth.js'
import { resetRegions } from './region.js'
import { showLoginNotices } from '../utils/loginNotices.js'

export const session = reactive({
  user: null,
  modules: [],
  permissions: [],
  loaded: false, // GET /me has answered (with a user or 401)
})

export function setSession(data) {
  const previous = session.user && session.user.id
  session.user = data.user
  session.modules = Array.isArray(data.modules) ? data.modules : []
  session.permissions = Array.isArray(data.permissions) ? data.permissions : []
  setCsrfToken(data.csrf_token)
  session.loaded = true
  if (previous !== undefined && previous !== null && previous !== data.user.id) resetRegions()
  showLoginNotices(data.notices)
}

export function clearSession() {
  session.user = null
  session.modules = []
  session.permissions = []
  session.loaded = true
  setCsrfToken('')
  resetRegions()
}

let pending = null
/** GET /me once; 401 leaves the session empty. Other failures are rethrown. */
export function loadSession() {
  if (!pending) {
    pending = authApi
      .me()
      .then((data) => setSession(data))
      .catch((err) => {
        if (err && err.status === 401) clearSession()
        else throw err
      })
      .finally(() => {
        pending = null
      })
  }
  return pending
}

/** The CSRF token of the session (for uploads sent outside the fetch wrapper). */
export function csrfToken() {
  return getCsrfToken()
}

/** Where a logged-in user lands: the progress dashboard when they have it, else home. */
export function landingRoute() {
  return hasModule('dashboard') ? 'dashboard' : 'home'
}

export function hasModule(name) {
  return session.modules.includes(name)
}

/** Holds a permission of the server's table, e.g. can('people.write'); the server checks again. */
export function can(permission) {
  return session.permissions.includes(permission)
}

export const isLoggedIn = computed(() => !!session.user)
export const isCityAdmin = computed(() => !!session.user && session.user.role === 'city_admin')
/** May register and edit people and market entities (the server checks the region too). */
export const canWriteRegistry = computed(() => can('people.write'))
/** May record and delete training, mentoring and support records . */
export const canWriteActivities = computed(() => can('activities.write'))
/** The ledger kinds the role may import (the server checks again). */
export const importKinds = computed(() => {
  const kinds = []
  if (can('people.write')) kinds.push('entrepreneurs', 'market_entities')
  if (can('activities.write')) kinds.push('activities')
  if (can('targets.set')) kinds.push('targets')
  if (can('loans.import')) kinds.push('loans')
  return kinds
})
