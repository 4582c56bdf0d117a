// The loans module's pages in the app (router/index.js collects every pages/*/routes.js) and its
// menu icon (the menu itself is the server's: GET /me `modules`).
import { Money } from '@element-plus/icons-vue'
import { page } from '../../router/page.js'

export const icons = { loans: Money }

export default [
  page('loans', 'loans', () => import('./LoansPage.vue')),
  page('loans/applications/:id(\\d+)', 'loan-application', () => import('./ApplicationDetailPage.vue'), 'loans', 'loans'),
  page('loans/:id(\\d+)', 'loan', () => import('./LoanDetailPage.vue'), 'loans', 'loans'),
]
