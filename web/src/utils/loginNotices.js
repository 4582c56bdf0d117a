// Notices of failed logins that locked an address out of the user's account (docs/api.md
// "Notice"): shown once per page load after login or GET /me, until the user acknowledges them.
import { ElMessageBox } from 'element-plus'
import { i18n } from '../i18n/index.js'
import { acknowledgeNotices } from '../api/auth.js'

const shown = new Set()

export async function showLoginNotices(notices) {
  const fresh = (Array.isArray(notices) ? notices : []).filter((n) => !shown.has(n.id))
  if (!fresh.length) return
  for (const n of fresh) shown.add(n.id)
  const t = i18n.global.t
  try {
    await ElMessageBox.alert(fresh.map((n) => n.message).join('\n\n'), t('notices.title'), {
      confirmButtonText: t('notices.acknowledge'),
      type: 'warning',
      customClass: 'login-notices',
    })
    await acknowledgeNotices()
  } catch {
    // Closed without acknowledging, or the request failed: shown again next time.
    for (const n of fresh) shown.delete(n.id)
  }
}
