// The tags of a contest's phases (their codes, in order, are the server's: enums.phases) and of
// an entry's statuses.
export const PHASE_TAG = {
  setup: 'info',
  registration: 'primary',
  review: 'warning',
  scoring: 'warning',
  roadshow: 'warning',
  awarded: 'success',
  published: 'success',
}
export const STATUS_TAG = { submitted: 'info', returned: 'danger', passed: 'success' }

/** The next phase the city may open with POST /phase (later ones come with selection, awards, publication). */
export function nextPhase(phase) {
  return { setup: 'registration', registration: 'review', review: 'scoring' }[phase] || ''
}

/** A fresh setup: the three groups and two stages of the 2021 contest. */
export function defaultSetup(year = new Date().getFullYear()) {
  return {
    name: '',
    year,
    registration_deadline: '',
    provincial_quota: 3,
    normalise: false,
    groups: [
      { key: 'startup', name: '初创组', rule: 'under_years', years: 3, roadshow_slots: 11, prizes: { first: 1, second: 1, third: 2 } },
      { key: 'growth', name: '成长组', rule: 'min_years', years: 3, roadshow_slots: 11, prizes: { first: 1, second: 1, third: 2 } },
      { key: 'rural', name: '乡村振兴组', rule: 'township', years: 0, roadshow_slots: 11, prizes: { first: 1, second: 1, third: 2 } },
    ],
    stages: [
      {
        kind: 'online',
        name: '网络评审',
        deadline: '',
        experts_per_entry: 5,
        load_cap: 30,
        criteria: [
          { name: '创新性', weight: 30, max_score: 10 },
          { name: '市场前景', weight: 30, max_score: 10 },
          { name: '带动就业', weight: 20, max_score: 10 },
          { name: '团队', weight: 20, max_score: 10 },
        ],
      },
      { kind: 'roadshow', name: '项目路演', deadline: '', experts_per_entry: 5, load_cap: 40, criteria: [{ name: '路演表现', weight: 100, max_score: 100 }] },
    ],
  }
}
