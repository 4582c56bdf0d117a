// ECharts on a <div>: only the parts the dashboard uses are registered (tree-shaking keeps the
// bundle small). The chart follows a reactive option, resizes with the window (and with its box,
// e.g. when the side menu folds) and is disposed with the component.
import { onBeforeUnmount, onMounted, shallowRef, watch } from 'vue'
import { use, init } from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, LegendComponent, MarkLineComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer])

export const CHART_FONT = "'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif"

/**
 * elRef: the container; optionFn: () => an ECharts option (or null while there is no data);
 * onClick(params): optional handler of clicks on the series.
 */
export function useEChart(elRef, optionFn, onClick) {
  const chart = shallowRef(null)
  let observer = null
  let frame = 0

  function resize() {
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(() => {
      if (chart.value) chart.value.resize()
    })
  }

  function apply() {
    if (!chart.value) return
    const option = optionFn()
    if (option) chart.value.setOption({ textStyle: { fontFamily: CHART_FONT }, ...option }, { notMerge: true })
    else chart.value.clear()
  }

  onMounted(() => {
    chart.value = init(elRef.value, null, { renderer: 'canvas' })
    if (onClick) chart.value.on('click', onClick)
    apply()
    window.addEventListener('resize', resize)
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(resize)
      observer.observe(elRef.value)
    }
  })

  watch(optionFn, apply)

  onBeforeUnmount(() => {
    window.removeEventListener('resize', resize)
    cancelAnimationFrame(frame)
    if (observer) observer.disconnect()
    if (chart.value) chart.value.dispose()
    chart.value = null
  })

  return chart
}
