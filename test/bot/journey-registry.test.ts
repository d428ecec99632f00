import { describe, expect, it } from 'vitest';
import { JourneyRegistry } from '../../src/bot/journey-registry.js';

describe('deep links', () => {
  const route = (prefix: string, dialogId: string) => ({ prefix, dialogId, options: (rest: string) => ({ rest }) });

  it('opens the journey of the longest matching prefix, whatever order they were registered in', () => {
    for (const registry of [
      new JourneyRegistry().addDeepLink(route('workshop-', 'details')).addDeepLink(route('workshop-nogo-', 'nogo')).addDeepLink(route('workshop-quiet-', 'quiet')),
      new JourneyRegistry().addDeepLink(route('workshop-quiet-', 'quiet')).addDeepLink(route('workshop-nogo-', 'nogo')).addDeepLink(route('workshop-', 'details')),
    ]) {
      expect(registry.resolveDeepLink('workshop-nogo-abc')).toEqual({ dialogId: 'nogo', options: { rest: 'abc' } });
      expect(registry.resolveDeepLink('workshop-quiet-abc')).toEqual({ dialogId: 'quiet', options: { rest: 'abc' } });
      expect(registry.resolveDeepLink('workshop-abc')).toEqual({ dialogId: 'details', options: { rest: 'abc' } });
      expect(registry.resolveDeepLink('deed-abc')).toBeNull();
    }
  });
});
