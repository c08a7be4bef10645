import { useSyncExternalStore } from 'react';
import { useBoard } from './BoardContext';
import { themesOf, type ThemesSnapshot } from './themesIndex';

/** The shared board's themes, drawn again when one changes. */
export function useThemes(): ThemesSnapshot {
  const { conn } = useBoard();
  const index = themesOf(conn);
  return useSyncExternalStore(index.subscribe, index.get);
}
