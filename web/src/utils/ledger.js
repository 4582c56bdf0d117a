// The ledger kinds of interchange.md and their columns (key, the Chinese header, required *).
// `hint` names an i18n message under imports.hints.
export const LEDGER_KINDS = {
  entrepreneurs: [
    { key: 'id_number', zh: '身份证号', required: true, hint: 'idNumber' },
    { key: 'name', zh: '姓名', required: true, hint: 'personName' },
    { key: 'region_code', zh: '区划代码', required: true, hint: 'regionCode' },
    { key: 'category', zh: '人员类别', required: true, hint: 'category' },
    { key: 'start_date', zh: '创业日期', required: true, hint: 'date' },
    { key: 'phone', zh: '联系电话', required: false, hint: 'phone' },
    { key: 'return_date', zh: '返乡日期', required: false, hint: 'date' },
  ],
  market_entities: [
    { key: 'credit_code', zh: '统一社会信用代码', required: true, hint: 'creditCode' },
    { key: 'name', zh: '名称', required: true, hint: 'entityName' },
    { key: 'entity_type', zh: '主体类型', required: true, hint: 'entityType' },
    { key: 'region_code', zh: '区划代码', required: true, hint: 'regionCode' },
    { key: 'registered_date', zh: '登记日期', required: true, hint: 'date' },
    { key: 'founder_id_number', zh: '创办人身份证号', required: true, hint: 'founder' },
    { key: 'jobs', zh: '带动就业人数', required: true, hint: 'count' },
    { key: 'industry', zh: '行业', required: false, hint: 'industry' },
  ],
  activities: [
    { key: 'indicator', zh: '指标', required: true, hint: 'indicator' },
    { key: 'id_number', zh: '身份证号', required: true, hint: 'idNumber' },
    { key: 'name', zh: '姓名', required: true, hint: 'personName' },
    { key: 'region_code', zh: '区划代码', required: true, hint: 'regionCode' },
    { key: 'date', zh: '日期', required: true, hint: 'activityDate' },
    { key: 'detail', zh: '内容', required: false, hint: 'detail' },
  ],
  targets: [
    { key: 'year', zh: '年度', required: true, hint: 'year' },
    { key: 'region_code', zh: '区划代码', required: true, hint: 'targetRegion' },
    { key: 'indicator', zh: '指标', required: true, hint: 'indicator' },
    { key: 'target', zh: '目标数', required: true, hint: 'count' },
  ],
  loans: [
    { key: 'loan_no', zh: '贷款编号', required: true, hint: 'loanNo' },
    { key: 'id_number', zh: '身份证号', required: true, hint: 'idNumber' },
    { key: 'name', zh: '姓名', required: true, hint: 'personName' },
    { key: 'region_code', zh: '区划代码', required: true, hint: 'regionCode' },
    { key: 'borrower_type', zh: '借款类型', required: true, hint: 'borrowerType' },
    { key: 'amount_yuan', zh: '贷款金额(元)', required: true, hint: 'amount' },
    { key: 'disbursed_date', zh: '发放日期', required: true, hint: 'date' },
    { key: 'term_months', zh: '期限(月)', required: true, hint: 'count' },
    { key: 'bank', zh: '经办银行', required: false, hint: 'bank' },
    { key: 'credit_village', zh: '信用村免反担保', required: false, hint: 'creditVillage' },
  ],
}

export const LEDGER_KIND_NAMES = Object.keys(LEDGER_KINDS)

/** The Chinese header of a column key of a kind (the key itself when unknown). */
export function columnName(kind, key) {
  const col = (LEDGER_KINDS[kind] || []).find((c) => c.key === key)
  return col ? col.zh : key
}
