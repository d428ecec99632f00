export const COMMANDS = ['start', 'menu', 'language', 'help', 'human', 'stop', 'open'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface Command {
  name: CommandName;
  /** Text after the command, e.g. the deep-link payload of `/start workshop-12`. */
  argument?: string;
}

// The Telegram adapter strips our own "@botname" from group commands: one that still has a name is
// for another bot. Deep-link payloads are [A-Za-z0-9_-]{1,64}.
const COMMAND = /^\/([a-z]+)(?:\s+(\S.*))?$/i;

export function parseCommand(text: string | undefined): Command | null {
  const match = COMMAND.exec(text?.trim() ?? '');
  if (!match) return null;
  const name = match[1]!.toLowerCase();
  if (!(COMMANDS as readonly string[]).includes(name)) return null;
  const argument = match[2]?.trim().slice(0, 64);
  return { name: name as CommandName, argument: argument || undefined };
}
