// A reactive "is this a phone-width screen" flag (max-width 600 px), for
// layouts Element Plus does not make responsive by itself (descriptions).
import { onBeforeUnmount, ref } from 'vue'

export function useNarrow() {
  const mq = window.matchMedia('(max-width: 600px)')
  const narrow = ref(mq.matches)
  const on = (e: MediaQueryListEvent) => (narrow.value = e.matches)
  mq.addEventListener('change', on)
  onBeforeUnmount(() => mq.removeEventListener('change', on))
  return narrow
}
