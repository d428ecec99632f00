import { calculateChangeHash, ConversationState, type Storage, type StoreItem, type TurnContext } from 'botbuilder-core';

interface CachedState {
  state: StoreItem;
  hash: string;
}

/**
 * ConversationState that saves with the eTag it read. botbuilder's BotState.saveChanges always
 * writes eTag "*" (last writer wins); with several instances behind a load balancer two turns of one
 * conversation would then silently overwrite each other. Here the second save fails with
 * ETagConflictError instead, and the turn error handler reports it.
 */
export class OptimisticConversationState extends ConversationState {
  constructor(storage: Storage) {
    super(storage);
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const stateKey = (this as unknown as { stateKey: symbol }).stateKey;
    const cached = context.turnState.get(stateKey) as CachedState | undefined;
    if (!force && (!cached || cached.hash === calculateChangeHash(cached.state))) return;
    const entry: CachedState = cached ?? { state: {}, hash: '' };
    entry.state.eTag ??= '*';
    const key = await this.storageKey(context);
    await this.storage.write({ [key]: entry.state });
    entry.hash = calculateChangeHash(entry.state);
    context.turnState.set(stateKey, entry);
  }
}
