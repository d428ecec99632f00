import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import { encodeDataUri } from '../../src/bot/data-uri.js';

/**
 * A small bot for channel tests: greets (with the deep-link payload), echoes, answers buttons, sends
 * a generated file, and edits or deletes its own message on request.
 */
export async function testBotLogic(context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (activity.type === ActivityTypes.ConversationUpdate) {
    const joined = (activity.membersAdded ?? []).some((member) => member.id !== activity.recipient.id);
    if (!joined) return;
    const start = (activity.value as { start?: string } | undefined)?.start;
    await context.sendActivity({
      type: 'message',
      text: start ? `Willkommen! Start: ${start}` : 'Willkommen beim KoSI-Bot!',
      suggestedActions: {
        to: [activity.from.id],
        actions: [
          { type: 'messageBack', title: 'Gute Taten', displayText: 'Gute Taten', text: 'gute taten', value: { buttonSeq: 1 } },
          { type: 'messageBack', title: 'Workshops', displayText: 'Workshops', text: 'workshops', value: { buttonSeq: 2 } },
        ],
      },
    });
    return;
  }
  if (activity.type !== ActivityTypes.Message) return;
  const buttonSeq = (activity.value as { buttonSeq?: number } | undefined)?.buttonSeq;
  if (buttonSeq !== undefined) {
    const displayText = (activity.channelData as { messageBack?: { displayText?: string } } | undefined)?.messageBack?.displayText;
    await context.sendActivity(`Knopf ${buttonSeq} (${activity.text}, angezeigt: ${displayText})`);
    return;
  }
  switch (activity.text) {
    case 'datei':
      await context.sendActivity({
        type: 'message',
        text: 'Hier ist deine Datei.',
        attachments: [{ contentType: 'text/csv', name: 'meine-daten.csv', contentUrl: encodeDataUri('text/csv', 'name;ort\nAnna;Wuppertal\n') }],
      });
      return;
    case 'ändern': {
      const sent = await context.sendActivity('Entwurf');
      await context.updateActivity({ ...context.activity, type: 'message', id: sent?.id, text: 'Endfassung' });
      return;
    }
    case 'löschen': {
      const sent = await context.sendActivity('Gleich weg');
      await context.deleteActivity(sent?.id ?? '');
      return;
    }
    default:
      await context.sendActivity(`Echo: ${activity.text ?? ''}`);
  }
}
