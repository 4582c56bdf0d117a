// Cells of el-table-column's `formatter` (row, column, value): a code in monospace, and a
// record's region with its county before it.
import { h } from 'vue'
import { regionText } from './registry.js'

export const monoCell = (_row, _column, value) => h('span', { class: 'fg-mono' }, value)
export const regionCell = (row) => regionText(row.region, row.county)
