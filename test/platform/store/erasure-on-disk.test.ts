import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { User } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { telegramTestApp } from '../../support/chat-helpers.js';

// Strings only this person ever typed or is known by: nothing else in the data folder contains them.
const PERSON: User = { id: 918_273_645, is_bot: false, first_name: 'Quirinalia', language_code: 'de' };
const NAME = 'Quirinalia';
const SKILL = 'Kalligraphie-Quastenkunde';

/** The files in the data folder (and below it) that contain each string, by string. */
async function filesContaining(dir: string, needles: readonly string[]): Promise<Record<string, string[]>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const found: Record<string, string[]> = Object.fromEntries(needles.map((needle) => [needle, []]));
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    for (const needle of needles) if (text.includes(needle)) found[needle]!.push(entry.name);
  }
  return found;
}

describe('"Mich löschen" on disk', () => {
  const running = telegramTestApp();
  const say = (text: string) => running.chat.say(text, PERSON);
  const press = (title: string | RegExp) => running.chat.press(title, PERSON);

  it('leaves nothing of the person in the data folder once the erasure is confirmed', async () => {
    await say('/start');
    await press('Deutsch');
    await press('Einverstanden');
    await press('Mein Engagement');
    await say(NAME);
    await say('elberfeld');
    await press('Umwelt');
    await press('Fertig');
    await say(SKILL);
    await press('Wochenende');
    await press('Fertig');
    await press('bis 5 Std.');
    await press('Hier im Chat');
    await press('Passt so');
    await press(/^1\. /);
    await press('Ich mache mit');
    await press('Lieber nicht');
    const identifying = [NAME, SKILL, String(PERSON.id)];
    // The scan sees what the service wrote (otherwise the assertion below would prove nothing).
    const before = await filesContaining(running.harness.dataDir, identifying);
    expect(before[NAME]).toContain('volunteerProfiles.db');
    expect(before[SKILL]).toContain('volunteerProfiles.db');
    expect(before[String(PERSON.id)]).toContain('profiles.db');

    await press('Mein Profil');
    await press('Mich löschen');
    const done = await press('Ja, alles löschen');
    expect(running.chat.texts(done).join('\n')).toMatch(/Erledigt: Alle deine Daten sind gelöscht/);

    // No compaction has run on a timer yet (every 10 min): the files were rewritten by the erasure.
    expect(await filesContaining(running.harness.dataDir, identifying)).toEqual({ [NAME]: [], [SKILL]: [], [String(PERSON.id)]: [] });
  });
});
