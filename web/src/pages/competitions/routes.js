// The competitions module's pages in the app (router/index.js collects every pages/*/routes.js) and its
// menu icon (the menu itself is the server's: GET /me `modules`).
import { Trophy } from '@element-plus/icons-vue'
import { page } from '../../router/page.js'

export const icons = { competitions: Trophy }

export default [
  page('competitions', 'competitions', () => import('./CompetitionsPage.vue')),
  page('competitions/:id(\\d+)', 'competition', () => import('./CompetitionDetailPage.vue'), 'competitions', 'competitions'),
  page('competitions/assignments/:id(\\d+)', 'competition-score', () => import('./ScorePage.vue'), 'competitions', 'competitions'),
]
