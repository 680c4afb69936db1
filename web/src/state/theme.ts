// Dark or light, following the system setting as it changes (the page's colours follow it in
// CSS through `prefers-color-scheme`; Monaco needs to be told).
import { useSyncExternalStore } from 'react'

const query = () => matchMedia('(prefers-color-scheme: dark)')

function subscribe(onChange: () => void) {
  const media = query()
  media.addEventListener('change', onChange)
  return () => media.removeEventListener('change', onChange)
}

export function useDarkTheme(): boolean {
  return useSyncExternalStore(subscribe, () => query().matches)
}
