import { computed, onBeforeUnmount, onMounted, ref } from 'vue'

/** Reactive window width, and whether it is phone-sized (< 768 px). */
export function useViewport() {
  const width = ref(window.innerWidth)
  const onResize = () => {
    width.value = window.innerWidth
  }
  onMounted(() => window.addEventListener('resize', onResize))
  onBeforeUnmount(() => window.removeEventListener('resize', onResize))
  return { width, isPhone: computed(() => width.value < 768) }
}
