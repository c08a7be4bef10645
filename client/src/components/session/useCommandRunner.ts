import { useCallback, useState } from 'react';
import type { Command } from '@balcony/shared';
import { useBoard } from '../../board/BoardContext';
import { commandFailureWords } from '../../session/sessionCommands';

export interface CommandRunner {
  /** Sends a command; true once the server has taken it. */
  run: (command: Command) => Promise<boolean>;
  /** Why the last command did not go through, for a polite status line; null after one that did. */
  problem: string | null;
}

/**
 * Session commands for a part of the screen, with the reason the last one failed for that part
 * to show next to its buttons. The change itself shows when the server's new state arrives.
 */
export function useCommandRunner(): CommandRunner {
  const { conn } = useBoard();
  const [problem, setProblem] = useState<string | null>(null);
  const run = useCallback(
    async (command: Command) => {
      const result = await conn.command(command);
      setProblem(result.ok ? null : commandFailureWords(result));
      return result.ok;
    },
    [conn],
  );
  return { run, problem };
}
