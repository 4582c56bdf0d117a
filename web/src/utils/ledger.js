// The explanation shown beside each ledger column on the imports page: an i18n message under
// imports.hints. The columns themselves (key, Chinese header, required) come from the server
// (GET /meta); a column is explained by `kind.key` where a key means different things in
// different kinds, else by its key.
const HINTS = {
  id_number: 'idNumber',
  name: 'personName',
  region_code: 'regionCode',
  category: 'category',
  start_date: 'date',
  phone: 'phone',
  return_date: 'date',
  credit_code: 'creditCode',
  entity_type: 'entityType',
  registered_date: 'date',
  founder_id_number: 'founder',
  jobs: 'count',
  industry: 'industry',
  indicator: 'indicator',
  detail: 'detail',
  year: 'year',
  target: 'count',
  loan_no: 'loanNo',
  borrower_type: 'borrowerType',
  amount_yuan: 'amount',
  disbursed_date: 'date',
  term_months: 'count',
  bank: 'bank',
  credit_village: 'creditVillage',
  'market_entities.name': 'entityName',
  'activities.date': 'activityDate',
  'targets.region_code': 'targetRegion',
}

/** The imports.hints message of a column of a kind ('' when there is none). */
export const columnHint = (kind, key) => HINTS[`${kind}.${key}`] || HINTS[key] || ''

/** The Chinese header of a column key among a kind's columns (the key itself when unknown). */
export function columnName(columns, key) {
  const col = (columns || []).find((c) => c.key === key)
  return col ? col.zh : key
}
