import { onBeforeUnmount, ref } from 'vue'

/** Whether the window is phone-narrow (≤ 768 px), kept current while the component lives. */
export function useIsMobile() {
  const mq = window.matchMedia('(max-width: 768px)')
  const isMobile = ref(mq.matches)
  const onChange = () => (isMobile.value = mq.matches)
  mq.addEventListener('change', onChange)
  onBeforeUnmount(() => mq.removeEventListener('change', onChange))
  return isMobile
}
