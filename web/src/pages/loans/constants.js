// Guarantee loans: the tags of their statuses and which tabs and actions a role has. The server decides (allowed_actions, 403); these only keep the pages from
// offering what would be refused.
import { computed } from 'vue'
import { can, session } from '../../store/session.js'

// The codes of the loans' enumerations are the server's: enums.application_statuses … (api/meta.js).

/** Element Plus tag type of a status (applications, loans, claims, schedule rows). */
export function statusType(status) {
  switch (status) {
    case 'submitted':
    case 'township_checked':
    case 'county_approved':
    case 'guaranteed':
    case 'bank_approved':
    case 'draft':
      return 'warning'
    case 'disbursed':
    case 'repaying':
    case 'paid':
      return 'success'
    case 'settled':
      return 'info'
    case 'returned':
      return 'info'
    case 'rejected':
    case 'compensated':
    case 'overdue':
      return 'danger'
    default:
      return 'info'
  }
}

/** The actions that move an application forward (confirmed, no comment needed). */
export const FORWARD_ACTIONS = ['township_check', 'county_approve', 'guarantee', 'bank_approve', 'disburse', 'resubmit']

const role = () => (session.user ? session.user.role : '')
const orgKind = () => (session.user ? session.user.org_kind || 'bank' : '')

/** The tabs of the loans page this user may open (none of them leads to a 403). */
export const loanTabs = computed(() => {
  const tabs = ['applications']
  if (can('loans.read')) tabs.push('ledger') // an entrepreneur: their own loans
  if (can('loans.figures')) tabs.push('figures')
  if (can('loans.claims_read')) tabs.push('claims') // the auditor reads
  tabs.push('policies')
  return tabs
})

/** Who may start an application: township staff (anyone registered in their township) and entrepreneurs (their own). */
export const canApply = computed(() => ['township_staff', 'entrepreneur'].includes(role()))
export const isEntrepreneur = computed(() => role() === 'entrepreneur')
export const isCounty = computed(() => role() === 'county_officer')
export const isCityAdmin = computed(() => role() === 'city_admin')
export const isBank = computed(() => role() === 'bank' && orgKind() === 'bank')
export const isFund = computed(() => role() === 'bank' && orgKind() === 'guarantee_fund')
/** Roles with a step of their own in the workflow: their list opens on "waiting for me" (an
 * entrepreneur's list is short and holds only their own: it opens on all of them). */
export const actsInWorkflow = computed(() => ['township_staff', 'county_officer', 'bank'].includes(role()))
